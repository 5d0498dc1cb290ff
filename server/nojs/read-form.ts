// A posted form, read as strings: hono's parseBody gives a string, a File or a list of them per
// name. Files have no place in these forms and count as nothing.
import type { Context } from 'hono';
import type { PresentedInput } from '../api/contract.js';
import { ApiError } from '../http/problem.js';

export type Form = Record<string, string[]>;

export async function readForm(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const out: Form = {};
  for (const [k, v] of Object.entries(body)) out[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  return out;
}

export const one = (form: Form, name: string): string => form[name]?.[0] ?? '';

const KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The hidden fields every change carries; a page of this site always sends them right. */
export function changeFields(form: Form): { version: number; idempotencyKey: string } {
  const version = Number(one(form, 'version'));
  const idempotencyKey = one(form, 'key');
  if (!Number.isInteger(version) || version < 0 || !KEY.test(idempotencyKey)) {
    throw new ApiError(422, 'form-incomplete', 'The form lacks its version or key. Reload the page and answer again.');
  }
  return { version, idempotencyKey };
}

/**
 * What the resident entered for a question, as the widget's form would hold it. A date typed as
 * 15-03-2025 (a browser without a date picker shows a plain text field) is read as 2025-03-15.
 */
export function draftFrom(form: Form, input: PresentedInput | undefined): string | string[] {
  const values = form.answer ?? [];
  if (input?.type === 'multi') return values;
  const v = (values[0] ?? '').trim();
  if (input?.type === 'date') {
    const dmy = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(v);
    if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  }
  return v;
}
