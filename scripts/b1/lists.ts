import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The word lists content reviewers maintain, as JSON beside this file. They are validated on
 * load: an allowed long word without a reason, or a jargon term without a plain alternative,
 * is a mistake in the list, not something to skip silently.
 */
export const AllowedWords = z
  .object({
    $comment: z.string().optional(),
    words: z.array(z.object({ word: z.string().min(1), reason: z.string().min(10, 'say why this word is unavoidable') }).strict()),
  })
  .strict();
export type AllowedWords = z.infer<typeof AllowedWords>;

export const JargonTerm = z
  .object({
    term: z.string().min(1),
    forms: z.array(z.string().min(1)).min(1),
    plain: z.string().min(1),
    explained: z.array(z.string().min(1)),
    mode: z.enum(['replace', 'explain-once']),
  })
  .strict();
export type JargonTerm = z.infer<typeof JargonTerm>;
export const JargonList = z.object({ $comment: z.string().optional(), terms: z.array(JargonTerm) }).strict();

export const PromiseList = z
  .object({
    $comment: z.string().optional(),
    phrases: z.array(z.object({ phrase: z.string().min(1), instead: z.string().min(1) }).strict()),
  })
  .strict();
export type PromisePhrase = z.infer<typeof PromiseList>['phrases'][number];

export interface B1Lists {
  allowedWords: AllowedWords['words'];
  jargon: JargonTerm[];
  promises: PromisePhrase[];
}

function load<T>(file: string, schema: z.ZodType<T>): T {
  const url = new URL(`./lists/${file}`, import.meta.url);
  const parsed = schema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw Object.assign(new Error(`scripts/b1/lists/${file} at /${issue.path.join('/')}: ${issue.message}. Fix the list.`), {
      code: 'b1-list-invalid',
    });
  }
  return parsed.data;
}

export function loadLists(): B1Lists {
  return {
    allowedWords: load('long-words-allowed.json', AllowedWords).words,
    jargon: load('jargon.json', JargonList).terms,
    promises: load('promises.json', PromiseList).phrases,
  };
}
