// The answer a resident typed or picked, checked before it is sent: the widget's question form and
// the server-rendered pages (server/nojs/) explain mistakes with the same rules and the same words.
// Mirrors the engine's own validation (engine/session/validate-answer.ts), in the resident's words.
import type { PresentedInput } from '../server/api/contract.js';
import { t } from './messages.js';

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

/** `draft` is what the form holds: one string (radio, field) or the ticked boxes of a multi. */
export function checkAnswer(i: PresentedInput, d: string | string[], lang: string): Checked {
  const fail = (message: string): Checked => ({ ok: false, message });
  const one = typeof d === 'string' ? d : (d[0] ?? '');
  switch (i.type) {
    case 'yesno':
      return one === 'ja' || one === 'nee' ? { ok: true, value: one === 'ja' } : fail(t(lang, 'chooseOne'));
    case 'single':
      return one ? { ok: true, value: one } : fail(t(lang, 'chooseOne'));
    case 'multi': {
      const ticked = typeof d === 'string' ? [d] : d;
      const chosen = i.options.map((o) => o.value).filter((v) => ticked.includes(v));
      const min = i.min ?? 1;
      if (chosen.length < min) return fail(min <= 1 ? t(lang, 'required') : t(lang, 'chooseMin', { min }));
      if (i.max !== undefined && chosen.length > i.max) return fail(t(lang, 'chooseMax', { max: i.max }));
      return { ok: true, value: chosen };
    }
    case 'number': {
      const text = one.trim().replace(/\s/g, '').replace(',', '.');
      if (!text) return fail(t(lang, 'required'));
      const n = Number(text);
      if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) return fail(t(lang, 'numberRange', { min: i.min, max: i.max }));
      if (i.integer && !Number.isInteger(n)) return fail(t(lang, 'numberWhole'));
      if (n < i.min || n > i.max) return fail(t(lang, 'numberRange', { min: i.min, max: i.max }));
      return { ok: true, value: n };
    }
    case 'text': {
      const text = one.trim();
      if (!text && !i.optional) return fail(t(lang, 'required'));
      if ([...text].length > i.maxLength) return fail(t(lang, 'charsOver', { n: [...text].length - i.maxLength }));
      return { ok: true, value: text };
    }
    case 'date': {
      const v = one.trim();
      if (!v) return fail(t(lang, 'required'));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return fail(t(lang, 'dateInvalid'));
      if ((i.min && v < i.min) || (i.max && v > i.max)) return fail(t(lang, 'dateRange', { min: i.min ?? '…', max: i.max ?? '…' }));
      return { ok: true, value: v };
    }
  }
}
