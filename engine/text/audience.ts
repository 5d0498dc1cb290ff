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

/**
 * For whom a Wmo melding is, as the answers say: the profile's audience fact (`voor-wie` unless the
 * municipality names another), or null while it is unanswered (then the form asks). Server and the
 * coach's device both read it.
 */
export function meldingForWhom(audienceFact: string | undefined, answers: Record<string, unknown>): 'zelf' | 'ander' | null {
  const key = `profile.${audienceFact ?? 'voor-wie'}`;
  if (answers[key] === undefined) return null;
  return audienceOf(key, answers) === 'self' ? 'zelf' : 'ander';
}

/** The variant of a text for the audience; a plain text is the same for both. */
export function forAudience(text: AudienceText | undefined, audience: Audience): LocalizedText | undefined {
  if (!text) return undefined;
  return 'self' in text ? (text as { self: LocalizedText; other: LocalizedText })[audience] : (text as LocalizedText);
}

/** The text for the audience, in the asked language (else Dutch). */
export const say = (text: AudienceText | undefined, audience: Audience, locale: string) => localize(forAudience(text, audience), locale);
