import type { LocalizedText } from '../schema/text.js';

/** The text in the asked language, else Dutch (always present). */
export function localize(text: LocalizedText | undefined, locale: string): string | undefined {
  if (!text) return undefined;
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.nl;
}

const WORDS: Record<string, Record<'yes' | 'no' | 'seen', string>> = {
  nl: { yes: 'Ja', no: 'Nee', seen: 'Gelezen' },
  en: { yes: 'Yes', no: 'No', seen: 'Read' },
};

export function word(key: 'yes' | 'no' | 'seen', locale: string): string {
  return (WORDS[locale.split('-')[0]!] ?? WORDS.nl!)[key];
}
