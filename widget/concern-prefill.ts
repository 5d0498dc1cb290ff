// WCAG 3.3.7 (redundant entry): the concern form starts from what the resident already answered.
// Generic rules, no tree named: "about whom" is a single-choice answer whose value is one of the
// form's own values (a tree that asks it with those values gets it filled in), and "what you saw"
// gathers the signs ticked in multi-choice questions and the resident's own words (free text).
import type { TrailEntry } from '../server/api/contract.js';
import { ABOUT, type ConcernPrefill } from './vw-concern-form.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function concernPrefill(trail: readonly TrailEntry[]): ConcernPrefill {
  const about = trail.find((e) => typeof e.value === 'string' && (ABOUT as readonly string[]).includes(e.value))?.value as
    string | undefined;
  const lines = trail.flatMap((e) => {
    if (Array.isArray(e.value) && e.value.length) return [`${e.question}: ${e.answer}`];
    // Free text is the only answer shown exactly as given (a choice shows its label); a date is no sign.
    if (typeof e.value === 'string' && e.value.trim() && e.answer === e.value && !ISO_DATE.test(e.value)) return [e.value.trim()];
    return [];
  });
  return { ...(about ? { about } : {}), ...(lines.length ? { noticed: lines.join('\n') } : {}) };
}
