import { GemeenteConfig } from '../schema/gemeente-schema.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';
import { textProblems } from './text-checks.js';

/**
 * gemeente.json checked like a published tree: the schema, the folder it lies in, English for every
 * text, and that each `tel:` link dials the number printed next to it (a typo there sends a person
 * in need to a stranger). Returns the config only when it has no errors.
 */
export function verifyGemeenteConfig(json: unknown, gemeente: string): { config: GemeenteConfig | null; problems: Problem[] } {
  const where = `${gemeente}/gemeente.json`;
  const parsed = GemeenteConfig.safeParse(json);
  if (!parsed.success) return { config: null, problems: schemaProblems(parsed.error, where) };
  const config = parsed.data;
  const problems: Problem[] = textProblems(json, where, true);
  if (config.gemeente !== gemeente) {
    problems.push({
      code: 'gemeente-mismatch',
      severity: 'error',
      where,
      pointer: '/gemeente',
      message: `gemeente "${config.gemeente}" but the file lies in trees/${gemeente}/. Make them the same.`,
    });
  }
  if (digits(config.kcc.phone) !== digits(config.kcc.tel)) problems.push(telMismatch(where, '/kcc', config.kcc.phone, config.kcc.tel));
  config.helpBar.forEach((entry, i) => {
    // The text holds the number as printed ("Veilig Thuis 0800-2000"): the link must dial one of them.
    const printed = [...(entry.text.nl.match(/\+?\d[\d -]*\d|\d+/g) ?? [])].map(digits);
    if (!printed.includes(digits(entry.tel))) problems.push(telMismatch(where, `/helpBar/${i}`, entry.text.nl, entry.tel));
  });
  return { config: problems.some((p) => p.severity === 'error') ? null : config, problems };
}

const digits = (s: string) => s.replace(/\D/g, '');

function telMismatch(where: string, pointer: string, shown: string, tel: string): Problem {
  return {
    code: 'gemeente-tel-mismatch',
    severity: 'error',
    where,
    pointer: `${pointer}/tel`,
    message: `"${tel}" does not dial the number shown in "${shown}". Write the same digits in both (tel: without spaces).`,
  };
}
