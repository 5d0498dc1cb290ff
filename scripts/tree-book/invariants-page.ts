import type { InvariantResult, Tree } from '../../engine/index.js';
import type { Assertion } from '../../engine/schema/invariants-schema.js';
import { translateCondition } from './condition-words.js';
import { LEVELS, sourceWords } from './labels.js';

/** docs/trees/<gemeente>/invariants.md: each policy rule, its sources and that it holds on every path. */
export function invariantsPage(gemeente: string, invariants: readonly InvariantResult[], trees: ReadonlyMap<string, Tree>): string {
  const out = [`# Beleidsregels van ${gemeente}`, ''];
  out.push(
    `Deze regels staan in \`trees/${gemeente}/invariants.json\`. \`npm run trees:check\` bewijst ze op elk pad door elke ingang: alle combinaties van antwoorden, niet een steekproef. Breekt een pad een regel, dan wordt de boom niet gebruikt en noemt de controle het kortste pad dat de regel breekt.`,
    '',
  );
  for (const inv of invariants) {
    out.push(`## ${inv.title}`, '', `- **Id:** \`${inv.id}\``);
    out.push(`- **Geldt:** ${inv.when === undefined ? 'op elk pad' : whenWords(inv.when, trees)}`);
    out.push(`- **Dan moet:** ${inv.assert.map(assertionWords).join('; en ')}`);
    out.push(
      `- **Bewezen:** ${inv.held ? `ja, geldt op elk pad (ingangen: ${inv.trees.join(', ')})` : 'nee – zie de uitvoer van npm run trees:check'}`,
    );
    out.push('', '**Bronnen:**', '', ...inv.sources.map((s) => `- ${sourceWords(s)}`), '');
  }
  return out.join('\n');
}

/** A condition over "<tree>.<question>" in words, when it reads one tree only; else as JSON. */
function whenWords(rule: unknown, trees: ReadonlyMap<string, Tree>): string {
  const json = JSON.stringify(rule);
  const named = [...json.matchAll(/"var":"([a-z][a-z0-9-]*)\./g)].map((m) => m[1]!);
  const tree = named.length && named.every((n) => n === named[0]) ? trees.get(named[0]!) : undefined;
  if (!tree) return `\`${json}\``;
  const local = JSON.parse(json.replaceAll(`"var":"${tree.id}.`, '"var":"'));
  const t = translateCondition(local, tree);
  return t.gaps.length ? `\`${json}\`` : `${t.words} (boom ${tree.id})`;
}

function assertionWords(a: Assertion): string {
  const what = (t: { item?: string; service?: string; layer?: string; kind?: string }) =>
    t.item
      ? `advies \`${t.item}\``
      : t.service
        ? `dienst \`${t.service}\``
        : t.layer
          ? `niveau ${LEVELS[t.layer as keyof typeof LEVELS]}`
          : `soort \`${t.kind}\``;
  switch (a.is) {
    case 'present':
      return `${what(a)} staat in het advies`;
    case 'absent':
      return `${what(a)} staat niet in het advies`;
    case 'in-doe-dit-eerst':
      return `${what(a)} staat bij "Doe dit eerst"`;
    case 'first':
      return `${what(a)} is het eerste advies`;
    case 'preceded':
      return `vóór het eerste advies van niveau ${LEVELS[a.layer]} staat een advies van niveau ${a.by.map((l) => LEVELS[l]).join(' of ')}`;
    case 'human-contact':
      return 'het advies noemt een mens om te bellen of te bezoeken';
  }
}
