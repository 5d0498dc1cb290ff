import { z } from 'zod';
import { forbiddenLink } from '../text/links.js';
import { LIMITS } from './limits.js';

/** ISO 639-1 language code, optionally with region (nl, en, tr, ar, pl, en-GB). */
export const LANG = /^[a-z]{2}(-[A-Z]{2})?$/;

const tooLong = `at most ${LIMITS.textLength} characters per text: split it over an info screen or a help text`;

/** One language's text: bounded in length, and links only to https:, tel: and mailto:. */
const Markdown = z
  .string()
  .max(LIMITS.textLength, tooLong)
  .superRefine((text, ctx) => {
    const href = forbiddenLink(text);
    if (href === undefined) return;
    ctx.addIssue({
      code: 'custom',
      params: { code: 'link-scheme' },
      message: `Link "${href.slice(0, 60)}" is not allowed: link only to https:// pages, tel:<number> or mailto:<address>.`,
    });
  });

/** Free text that is not markdown (notes, titles of sources, addresses). */
export const PlainText = z.string().max(LIMITS.textLength, tooLong);

/**
 * Resident-facing text per language. `nl` is always required; the verifier demands `en`
 * for published trees. Texts use a safe markdown subset (bold, lists, links) – never HTML.
 */
export const LocalizedText = z
  .object({ nl: Markdown.min(1, 'Dutch text (nl) may not be empty') })
  .catchall(Markdown.min(1))
  .meta({ description: 'Text per language; nl required, en required when published.' });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * A text that may speak differently to someone asking for themselves (`self`) and someone asking
 * for another person (`other`: "Vraag je moeder of…"). Which one is shown follows the profile's
 * audience fact (profile.json `audienceFact`); a plain LocalizedText is the same for both.
 */
export const AudienceText = z.union([
  LocalizedText,
  z
    .object({ self: LocalizedText, other: LocalizedText })
    .strict()
    .meta({ description: 'Per audience: self = asking for yourself, other = asking for someone else.' }),
]);
export type AudienceText = z.infer<typeof AudienceText>;

/** A cited source: a line range in a seed document, or a public web page. */
export const Source = z.union([
  z
    .object({
      seed: z.string().regex(/^\d{3}$/, 'seed is the 3-digit document number, e.g. "001"'),
      lines: z.string().regex(/^\d+(-\d+)?$/, 'lines is "1437" or "1437-1460"'),
      note: PlainText.optional(),
    })
    .strict(),
  z
    .object({
      url: z.url({ protocol: /^https$/ }),
      title: PlainText.optional(),
      note: PlainText.optional(),
    })
    .strict(),
]);
export type Source = z.infer<typeof Source>;

export const IsoDate = z.iso.date();
