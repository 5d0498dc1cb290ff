import type { Service, Tree } from '../../engine/index.js';
import { DOORS } from './labels.js';
import { cell } from './markdown.js';

const count = (tree: Tree, kind: string) => Object.values(tree.nodes).filter((n) => n.kind === kind).length;
const adviceCount = (tree: Tree) => Object.values(tree.nodes).reduce((n, node) => n + (node.kind === 'advice' ? node.items.length : 0), 0);

/** docs/trees/<gemeente>/README.md: every tree, and the sociale kaart with where each service is used. */
export function indexPage(gemeente: string, trees: readonly Tree[], services: readonly Service[]): string {
  const out = [`# Boom-boek ${gemeente}`, ''];
  out.push(
    'Dit zijn de beslisbomen van de Vraagwijzer, in gewone taal. Ze zijn bedoeld voor wie de inhoud nakijkt en voor het Algoritmeregister. Elke boom heeft een eigen pagina met alle vragen, alle routes en alle adviezen met hun bronnen.',
    '',
    'De bomen geven informatie en advies. Ze beslissen niets over de inwoner: over maatwerk en aanvragen beslist de gemeente. Elk pad eindigt bij een mens die de inwoner kan bellen of bezoeken.',
    '',
    `Gemaakt met \`npm run trees:doc\` uit \`trees/${gemeente}/\`. Pas de bomen aan, niet deze bestanden.`,
    '',
  );
  const table = (list: readonly Tree[]) => {
    const rows = ['| Boom | Deur | Versie | Status | Laatst nagekeken | Vragen | Adviezen |', '|---|---|---|---|---|---|---|'];
    for (const t of list) {
      rows.push(
        `| [${cell(t.title.nl)}](${t.id}.md) | ${t.door === 'sub' ? cell(t.domain ?? 'onderdeel') : DOORS[t.door]} | ${t.version} | ${t.status === 'published' ? 'gepubliceerd' : 'concept'} | ${t.lastReviewed} | ${count(t, 'question')} | ${adviceCount(t)} |`,
      );
    }
    return rows;
  };
  const doors = ['start', 'oplossing', 'helpen', 'zorgen'];
  const main = trees
    .filter((t) => t.door !== 'sub')
    .sort((a, b) => doors.indexOf(a.door) - doors.indexOf(b.door) || a.id.localeCompare(b.id));
  const subs = trees.filter((t) => t.door === 'sub').sort((a, b) => a.id.localeCompare(b.id));
  if (main.length) out.push('## Ingangen', '', ...table(main), '');
  if (subs.length) out.push('## Onderdelen (sub-flows)', '', ...table(subs), '');
  if (services.length) {
    out.push('## Sociale kaart', '', 'Alle diensten waar adviezen naar verwijzen (`services.json`).', '');
    out.push('| Dienst | Organisatie | Telefoon | Gebruikt in | Gecontroleerd | Niet geverifieerd |', '|---|---|---|---|---|---|');
    const usedIn = usage(trees);
    for (const s of [...services].sort((a, b) => a.id.localeCompare(b.id))) {
      const used = (usedIn.get(s.id) ?? []).map((id) => `[${id}](${id}.md)`).join(', ') || '–';
      out.push(
        `| ${cell(s.name.nl)} (\`${s.id}\`) | ${cell(s.organisation)} | ${s.contact.phone ?? '–'} | ${used} | ${s.lastVerified} | ${(s.unverified ?? []).join(', ') || '–'} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function usage(trees: readonly Tree[]): Map<string, string[]> {
  const used = new Map<string, Set<string>>();
  for (const t of trees) {
    for (const n of Object.values(t.nodes)) {
      if (n.kind !== 'advice') continue;
      for (const item of n.items) for (const s of item.services ?? []) (used.get(s) ?? used.set(s, new Set()).get(s)!).add(t.id);
    }
  }
  return new Map([...used].map(([k, v]) => [k, [...v].sort()]));
}
