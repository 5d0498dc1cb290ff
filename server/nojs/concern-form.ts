// The concern form's fields, read and checked with the API's own schema (server/api/schemas.ts),
// so the limits are the ones POST /api/concerns enforces; the messages are the widget's words.
import { ConcernBody } from '../api/schemas.js';
import type { ConcernInput } from '../concerns/concern-service.js';
import { t } from '../../widget/messages.js';
import type { FieldError } from './page-shell.js';
import { nt } from './nojs-messages.js';
import { one, type Form } from './read-form.js';

export const ABOUT = ['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders'] as const;
export const URGENCY = ['niet-dringend', 'binnen-een-week', 'dringend'] as const;
export const MAX_NOTICED = 2000;

export type ConcernField = 'about' | 'noticed' | 'urgency' | 'area' | 'name' | 'phone' | 'email';
/** The control the error summary links to, per field. */
export const CONTROL: Record<ConcernField, string> = {
  about: `about-${ABOUT[0]}`,
  noticed: 'noticed',
  urgency: `urgency-${URGENCY[0]}`,
  area: 'area',
  name: 'name',
  phone: 'phone',
  email: 'email',
};
const ORDER = Object.keys(CONTROL) as ConcernField[];

export type ConcernCheck =
  | { ok: true; input: Omit<ConcernInput, 'idempotencyKey'> }
  | { ok: false; errors: Partial<Record<ConcernField, string>>; summary: FieldError[] };

export function checkConcern(form: Form, lang: string, sessionId: string): ConcernCheck {
  const reporter = Object.fromEntries(
    (['name', 'phone', 'email'] as const).map((k) => [k, one(form, k).trim()] as const).filter(([, v]) => v),
  );
  const area = one(form, 'area').trim();
  const candidate = {
    sessionId,
    about: one(form, 'about'),
    noticed: one(form, 'noticed'),
    urgency: one(form, 'urgency'),
    ...(area ? { area } : {}),
    // Without a script there is no "Ik meld anoniem" switch: empty fields are the anonymous report.
    reporter: Object.keys(reporter).length ? reporter : null,
    idempotencyKey: 'checked-separately',
  };
  const parsed = ConcernBody.safeParse(candidate);
  if (parsed.success) {
    const { idempotencyKey: _, ...input } = parsed.data;
    return { ok: true, input };
  }
  const errors: Partial<Record<ConcernField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = (issue.path[0] === 'reporter' ? issue.path[1] : issue.path[0]) as ConcernField;
    if (!ORDER.includes(field) || errors[field]) continue;
    errors[field] = messageFor(field, candidate.noticed, lang);
  }
  const summary = ORDER.filter((f) => errors[f]).map((f) => ({ field: CONTROL[f], message: errors[f]! }));
  return { ok: false, errors, summary };
}

function messageFor(field: ConcernField, noticed: string, lang: string): string {
  switch (field) {
    case 'about':
    case 'urgency':
      return t(lang, 'chooseOne');
    case 'noticed': {
      const over = [...noticed.trim()].length - MAX_NOTICED;
      return over > 0 ? t(lang, 'charsOver', { n: over }) : t(lang, 'fieldMissing');
    }
    case 'area':
      return nt(lang, 'areaTooLong');
    case 'name':
      return nt(lang, 'nameTooLong');
    case 'phone':
      return t(lang, 'phoneInvalid');
    case 'email':
      return t(lang, 'emailInvalid');
  }
}
