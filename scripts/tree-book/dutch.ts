import type { AudienceText } from '../../engine/schema/text.js';
import { forAudience } from '../../engine/text/audience.js';

/** The Dutch of a text; a text per audience reads as its "self" version, with the "other" one after it. */
export function dutch(text: AudienceText): string {
  const self = forAudience(text, 'self')!.nl;
  const other = forAudience(text, 'other')!.nl;
  return self === other ? self : `${self} *(voor een ander: ${other})*`;
}

/** The Dutch of a text as a short label: the "self" version only. */
export const dutchLabel = (text: AudienceText): string => forAudience(text, 'self')!.nl;
