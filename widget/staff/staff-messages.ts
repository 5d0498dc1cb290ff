// The staff pages' UI words, in the language the member chose (staff-lang.ts). Like the widget's
// messages.ts: a small typed catalogue, {placeholders} filled in, Dutch when a language is unknown.
import { staffLang } from './staff-lang.js';
import { en } from './staff-messages-en.js';
import { nl } from './staff-messages-nl.js';

export type StaffKey = keyof typeof nl;
const STAFF_TABLES: Record<string, { [K in StaffKey]: string }> = { nl, en };

type Params = Record<string, string | number>;

/** `key` in `lang`: for the parts that follow the caller's language (the printed plan). */
export function stIn(lang: string, key: StaffKey, params?: Params): string {
  const text = (STAFF_TABLES[lang] ?? nl)[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
}

/** `key` in the staff UI language. */
export function st(key: StaffKey, params?: Params): string {
  return stIn(staffLang(), key, params);
}

/** `key` in `lang` with rendered parts (e.g. <strong>) for its placeholders, as a list lit renders. */
export function stParts(lang: string, key: StaffKey, parts: Record<string, unknown>): unknown[] {
  return (STAFF_TABLES[lang] ?? nl)[key].split(/(\{\w+\})/).map((s) => {
    const name = /^\{(\w+)\}$/.exec(s)?.[1];
    return name && name in parts ? parts[name] : s;
  });
}

/** A staff key that may not exist (a code or status from the server): its text, or undefined. */
export function stMaybe(key: string, params?: Params): string | undefined {
  return Object.hasOwn(nl, key) ? st(key as StaffKey, params) : undefined;
}
