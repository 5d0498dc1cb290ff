import { z } from 'zod';
import { LAYERS } from '../plan/layers.js';
import { LocalizedText, Source } from './text.js';

/** A phone number as people read it aloud: digits, spaces, "-" and a leading "+". */
const Phone = z
  .string()
  .regex(/^\+?[0-9][0-9 -]{1,18}[0-9]$/, 'a phone number as written for people, e.g. "0800-2000" or "+31 20 123 4567"')
  .meta({ description: 'As residents read it, e.g. "0800-2000".' });

/** What a link dials: `tel:` and the digits only, so every phone can dial it. */
const Tel = z
  .string()
  .regex(/^tel:\+?[0-9]{3,15}$/, 'a tel: link with digits only, e.g. "tel:08002000"')
  .meta({ description: 'tel: and the digits of the number, e.g. "tel:08002000".' });

const Sources = z.array(Source).min(1, 'every phone number names its source: add a public page (or seed lines) that gives it');

/** The municipality's own contact centre: the human every text falls back on. */
const Kcc = z
  .object({
    name: LocalizedText.meta({ description: 'E.g. "Klant Contact Centrum".' }),
    phone: Phone,
    tel: Tel,
    sources: Sources,
  })
  .strict();

const HelpEntry = z
  .object({
    text: LocalizedText.meta({ description: 'The whole line, e.g. "Levensgevaar: bel 112".' }),
    tel: Tel,
    sources: Sources,
  })
  .strict();

/**
 * Theme tokens become the widget's public `--vraagwijzer-<name>` CSS custom properties. Values are
 * colours, lengths and font stacks: no `url(`, no `;`/braces, so a token cannot load or inject anything.
 */
const ThemeName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'a token name without the "--vraagwijzer-" prefix, e.g. "primary-background-color"');
const ThemeValue = z
  .string()
  .max(200)
  .regex(
    /^(?!.*(url|image-set|expression)\s*\()[#a-zA-Z0-9 ,.'"%()+-]+$/i,
    'a colour, length or font stack (letters, digits, # , . \' " % ( ) + -), and no url(), image-set() or expression()',
  );

const LabelKey = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a label key such as "buuv" or "hbh-1"');

/** trees/<gemeente>/gemeente.json: what only the municipality knows – names, numbers, looks. */
export const GemeenteConfig = z
  .object({
    $schema: z.string().optional(),
    gemeente: z.string().regex(/^[a-z0-9-]+$/, 'the folder name, e.g. "utrecht"'),
    name: LocalizedText.meta({ description: 'How texts name the municipality, e.g. "Gemeente Utrecht".' }),
    kcc: Kcc,
    helpBar: z
      .array(HelpEntry)
      .min(1, 'the help bar needs at least one number (112)')
      .max(6)
      .meta({ description: '"Direct hulp nodig?" on every screen, in this order.' }),
    theme: z.record(ThemeName, ThemeValue).optional(),
    labels: z
      .object({
        layers: z
          .partialRecord(z.enum(LAYERS), LocalizedText)
          .optional()
          .meta({ description: 'Headings for the pyramid layers; missing ones use the widget default.' }),
        kinds: z.record(LabelKey, LocalizedText).optional().meta({ description: 'Local names of advice items, e.g. "buuv".' }),
      })
      .strict()
      .optional(),
    quickExit: z
      .object({
        url: z
          .url({ protocol: /^https$/, error: 'an https:// address of a neutral page, e.g. "https://www.buienradar.nl/"' })
          .max(300)
          .meta({ description: 'A page that says nothing about the widget (weather, news, a search engine).' }),
      })
      .strict()
      .optional()
      .meta({ description: '"Snel weg" replaces the page with this one; without it the widget uses a search engine.' }),
    staff: z
      .object({ teamName: z.string().min(1).max(100).meta({ description: 'Who picked a concern up, when no service is known.' }) })
      .strict()
      .optional(),
    sources: z.array(Source).optional().meta({ description: 'Where the name, theme and labels come from.' }),
  })
  .strict();
export type GemeenteConfig = z.infer<typeof GemeenteConfig>;
