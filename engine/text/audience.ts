import type { AudienceText, LocalizedText } from '../schema/text.js';
import { localize } from './localize.js';

/** For whom a session is: the person asking for themselves, or someone asking for another person. */
export type Audience = 'self' | 'other';

/** The value of the audience fact that means "for myself"; any other value means someone else. */
const SELF = 'zelf';

/** The audience of a session, from its answers; unanswered counts as self (nobody said otherwise). */
export function audienceOf(audienceKey: string | null, answers: Record<string, unknown>): Audience {
  if (!audienceKey) return 'self';
  const value = answers[audienceKey];
  return value === undefined || value === SELF ? 'self' : 'other';
}

/** The variant of a text for the audience; a plain text is the same for both. */
export function forAudience(text: AudienceText | undefined, audience: Audience): LocalizedText | undefined {
  if (!text) return undefined;
  return 'self' in text ? (text as { self: LocalizedText; other: LocalizedText })[audience] : (text as LocalizedText);
}

/** The text for the audience, in the asked language (else Dutch). */
export const say = (text: AudienceText | undefined, audience: Audience, locale: string) => localize(forAudience(text, audience), locale);
