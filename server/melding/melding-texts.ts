import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { localize, type LocalizedText } from '../../engine/index.js';

const Text = z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1)).refine((t) => !!t.nl, 'needs at least an "nl" text');

/**
 * trees/<gemeente>/melding/texts.json: what a municipality tells a resident about its melding –
 * the honest next steps, the consent question for someone else, and how its zaak is described in
 * the case system. In a subfolder, so the tree loader does not take it for a tree.
 */
const MeldingTexts = z.strictObject({
  $schema: z.string().optional(),
  gemeente: z.string().regex(/^[a-z][a-z0-9-]*$/),
  nextSteps: z.array(Text).min(1),
  consentOther: Text,
  zaakOmschrijving: z.string().min(1).max(80),
  documentTitel: z.string().min(1).max(200),
  sources: z.array(z.object({ seed: z.string().optional(), lines: z.string().optional(), url: z.string().optional() }).loose()).min(1),
});
export type MeldingTexts = z.infer<typeof MeldingTexts>;

/** Read once at start-up; a file that does not fit stops the server with the file and field named. */
export function readMeldingTexts(dirs: readonly string[]): Map<string, MeldingTexts> {
  const out = new Map<string, MeldingTexts>();
  for (const dir of dirs) {
    const file = join(dir, 'melding', 'texts.json');
    if (!existsSync(file)) continue;
    const parsed = MeldingTexts.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: /${issue.path.join('/')} ${issue.message}. Fix the file; see the README section "Wmo-melding".`);
    }
    if (parsed.data.gemeente !== basename(dir))
      throw new Error(`${file}: gemeente "${parsed.data.gemeente}" but the folder is ${basename(dir)}/. Make them the same.`);
    out.set(parsed.data.gemeente, parsed.data);
  }
  return out;
}

export const say = (text: Record<string, string>, locale: string): string => localize(text as LocalizedText, locale)!;
