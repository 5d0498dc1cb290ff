import { type AdviceItem, type Service, type Tree } from '../../engine/index.js';
import { layerOf } from '../../engine/plan/layers.js';
import { OTHERWISE, quote, translateCondition } from './condition-words.js';
import { ACTIONS, DOORS, KINDS, LEVELS, PURPOSE, URGENCY_WORDS, inputWords, sourceWords } from './labels.js';
import { blockquote, cell } from './markdown.js';
import { flowchart } from './mermaid.js';
import { edgesOf, nodeOrder } from './order.js';
import { dutch, dutchLabel } from './dutch.js';

type Node = Tree['nodes'][string];

export interface BookContext {
  gemeente: string;
  trees: ReadonlyMap<string, Tree>;
  services: ReadonlyMap<string, Service>;
  /** Tree id → ids of the trees that use it as a sub-flow. */
  calledBy: ReadonlyMap<string, string[]>;
}

export interface Page {
  markdown: string;
  /** Conditions that could not be put into words, with where they are. */
  gaps: { pointer: string; rule: string }[];
}

const KIND_NAMES: Record<Node['kind'], string> = {
  question: 'Vraag',
  info: 'Uitleg',
  advice: 'Advies',
  route: 'Splitsing',
  flow: 'Vervolg in een andere boom',
  each: 'Per gekozen onderwerp',
  end: 'Einde',
};

/** The tree book of one tree: plain Dutch for content reviewers and the Algoritmeregister. */
export function treePage(tree: Tree, ctx: BookContext): Page {
  const gaps: Page['gaps'] = [];
  const link = (id: string) => `[${ctx.trees.get(id)?.title.nl ?? id}](${id}.md)`;
  const out: string[] = [];
  out.push(`# ${tree.title.nl}`, '');
  out.push(
    `Boom-boek van de beslisboom \`${tree.id}\` van gemeente ${ctx.gemeente}. Dit bestand is gemaakt met \`npm run trees:doc\` uit \`trees/${ctx.gemeente}/${tree.id}.json\`. Wil je iets veranderen? Pas de boom aan, niet dit bestand.`,
    '',
  );
  out.push('| | |', '|---|---|');
  out.push(`| Boom | \`${tree.id}\` |`, `| Versie | ${tree.version} |`, `| Deur | ${DOORS[tree.door]} |`);
  if (tree.domain) out.push(`| Levensgebied | ${cell(tree.domain)} |`);
  out.push(
    `| Status | ${tree.status === 'published' ? 'gepubliceerd' : 'concept (nog niet voor inwoners)'} |`,
    `| Laatst nagekeken | ${tree.lastReviewed} |`,
  );
  const callers = ctx.calledBy.get(tree.id) ?? [];
  if (callers.length) out.push(`| Gebruikt door | ${callers.map(link).join(', ')} |`);
  const calls = subFlows(tree);
  if (calls.length) out.push(`| Gaat verder in | ${calls.map(link).join(', ')} |`);
  out.push('', '## Doel', '', tree.description?.nl ?? PURPOSE[tree.door], '');
  out.push(
    'De boom geeft informatie en advies. Hij beslist niets: over maatwerk en aanvragen beslist de gemeente, na een gesprek met de inwoner.',
    '',
  );
  out.push('## Bronnen', '', ...tree.sources.map((s) => `- ${sourceWords(s)}`), '');
  out.push(
    '## Overzicht',
    '',
    'Ruit = vraag, rechthoek = advies, schuine rechthoek = uitleg, zeshoek = splitsing zonder vraag, dubbele rand = verder in een andere boom, ovaal = einde.',
    '',
  );
  out.push('```mermaid', flowchart(tree, ctx.trees), '```', '');
  if (tree.derived && Object.keys(tree.derived).length) {
    out.push('## Afgeleide waarden', '', 'Deze waarden rekent de boom uit de antwoorden uit. Routes gebruiken ze.', '');
    for (const [name, def] of Object.entries(tree.derived).sort(([a], [b]) => a.localeCompare(b))) {
      const t = translateCondition(def.rule, tree);
      t.gaps.forEach((rule) => gaps.push({ pointer: `/derived/${name}/rule`, rule }));
      out.push(`- **${def.label?.nl ?? name}** (\`derived.${name}\`) geldt ${t.words}.`);
    }
    out.push('');
  }
  out.push('## Stappen', '');
  for (const id of nodeOrder(tree)) out.push(...nodeSection(tree, id, tree.nodes[id]!, ctx, gaps, link), '');
  return {
    markdown: `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    gaps,
  };
}

function subFlows(tree: Tree): string[] {
  const ids = new Set<string>();
  for (const n of Object.values(tree.nodes)) {
    if (n.kind === 'flow') ids.add(n.tree);
    if (n.kind === 'each') Object.values(n.flows).forEach((t) => ids.add(t));
  }
  return [...ids].sort();
}

function nodeSection(tree: Tree, id: string, node: Node, ctx: BookContext, gaps: Page['gaps'], link: (id: string) => string): string[] {
  const out = [`<a id="${id}"></a>`, `### ${KIND_NAMES[node.kind]}: \`${id}\``, ''];
  switch (node.kind) {
    case 'question': {
      out.push(blockquote(dutch(node.text)), '');
      if (node.short) out.push(`- **Korte naam:** ${dutch(node.short)}`);
      out.push(`- **Antwoord:** ${inputWords(node.input)}`);
      if (node.help) out.push(`- **Uitleg bij de vraag:** ${dutch(node.help).replace(/\n+/g, ' ')}`);
      if (node.staff) out.push(`- **Voor medewerkers (14 023, loket):** ${dutch(node.staff).replace(/\n+/g, ' ')}`);
      out.push('');
      if ('options' in node.input) {
        out.push('| Antwoord | Uitleg | Waarde |', '|---|---|---|');
        for (const o of node.input.options) out.push(`| ${cell(dutch(o.label))} | ${cell(o.help ? dutch(o.help) : '')} | \`${o.value}\` |`);
        out.push('');
      }
      if (node.sources?.length) out.push(...node.sources.map((s) => `- Bron: ${sourceWords(s)}`), '');
      break;
    }
    case 'info':
      out.push(blockquote(dutch(node.text)), '');
      if (node.staff) out.push(`- **Voor medewerkers (14 023, loket):** ${dutch(node.staff).replace(/\n+/g, ' ')}`, '');
      if (node.sources?.length) out.push(...node.sources.map((s) => `- Bron: ${sourceWords(s)}`), '');
      break;
    case 'advice':
      node.items.forEach((item, i) => out.push(...adviceItem(item, tree, ctx, `/nodes/${id}/items/${i}/when`, gaps)));
      break;
    case 'route':
      out.push('Hier stelt de boom geen vraag. Hij kiest de weg met de antwoorden die al gegeven zijn.', '');
      break;
    case 'flow':
      out.push(`De inwoner gaat verder in ${link(node.tree)}.`, '');
      if (!node.next) out.push('Die boom neemt het gesprek over; deze boom gaat daarna niet verder.', '');
      break;
    case 'each': {
      const over = tree.nodes[node.over];
      const label = over?.kind === 'question' ? dutchLabel(over.short ?? over.text) : node.over;
      const options = over?.kind === 'question' && 'options' in over.input ? over.input.options : [];
      out.push(
        `Voor elk antwoord dat bij ${quote(label)} is gekozen, loopt de inwoner een eigen deel van het gesprek door. De volgorde is die van de antwoorden:`,
        '',
      );
      for (const o of options) if (node.flows[o.value]) out.push(`- ${quote(dutchLabel(o.label))} → ${link(node.flows[o.value]!)}`);
      out.push('');
      break;
    }
    case 'end':
      out.push(blockquote(dutch(node.text)), '');
      if (node.staff) out.push(`- **Voor medewerkers (14 023, loket):** ${dutch(node.staff).replace(/\n+/g, ' ')}`, '');
      out.push(
        ctx.calledBy.has(tree.id)
          ? 'Als deze boom als onderdeel loopt, gaat het gesprek hierna verder in de boom die hem aanriep.'
          : 'Hier eindigt het gesprek. De inwoner ziet zijn advies.',
        '',
      );
      break;
  }
  out.push(...routes(tree, id, node, gaps));
  return out;
}

function routes(tree: Tree, id: string, node: Node, gaps: Page['gaps']): string[] {
  const edges = edgesOf(node);
  if (!edges.length) return [];
  const target = (to: string) => {
    const n = tree.nodes[to];
    return `[${n ? KIND_NAMES[n.kind].toLowerCase() : 'onbekend'} \`${to}\`](#${to})`;
  };
  if (edges.length === 1) return [`**Daarna:** ${target(edges[0]!.to)}.`];
  const out = ['**Daarna:**', ''];
  edges.forEach((e, i) => {
    if (e.fallback) return out.push(`${i + 1}. ${OTHERWISE} → ${target(e.to)}`);
    const t = translateCondition(e.when, tree);
    t.gaps.forEach((rule) => gaps.push({ pointer: `/nodes/${id}/next/routes/${i}/when`, rule }));
    out.push(`${i + 1}. ${t.words} → ${target(e.to)}`);
  });
  const next = 'next' in node ? node.next : undefined;
  const exclusive = typeof next === 'object' && next !== null && 'exclusive' in next && next.exclusive;
  out.push('', exclusive ? 'Er past altijd hoogstens één route.' : 'De boom neemt de eerste route die past.');
  return out;
}

function adviceItem(item: AdviceItem, tree: Tree, ctx: BookContext, pointer: string, gaps: Page['gaps']): string[] {
  const out = [`#### ${dutchLabel(item.title)}`, ''];
  const { layer, label } = layerOf(item);
  const kind = label ?? layer;
  out.push(
    `- **Soort:** \`${kind}\`${KINDS[kind] ? ` – ${KINDS[kind]}` : ''}`,
    `- **Niveau in de piramide:** ${LEVELS[layer]}`,
    `- **Id:** \`${item.id}\``,
  );
  if (item.urgency) {
    const why = item.urgentWhy ? ` – ${item.urgentWhy.nl.replace(/\n+/g, ' ')}` : '';
    out.push(`- **Haast:** ${URGENCY_WORDS[item.urgency]}${why}`);
  }
  if (item.when !== undefined) {
    const t = translateCondition(item.when, tree);
    for (const rule of t.gaps) gaps.push({ pointer, rule });
    out.push(`- **Alleen in het advies:** ${t.words}`);
  }
  if (item.action) out.push(`- **Direct regelen:** ${ACTIONS[item.action]}`);
  out.push('', blockquote(dutch(item.text)), '', `**Waarom dit advies:** ${dutch(item.why).replace(/\n+/g, ' ')}`, '');
  if (item.services?.length) {
    out.push('**Waar je terecht kunt:**', '');
    for (const sid of item.services) out.push(`- ${serviceLine(sid, ctx.services.get(sid))}`);
    out.push('');
  }
  out.push('**Bronnen:**', '', ...item.sources.map((s) => `- ${sourceWords(s)}`), '');
  return out;
}

function serviceLine(id: string, s: Service | undefined): string {
  if (!s) return `\`${id}\` – staat niet in de sociale kaart (services.json)`;
  const parts = [`**${s.name.nl}** (${s.organisation})`];
  const unverified = new Set(s.unverified ?? []);
  const mark = (field: string, text: string) => (unverified.has(field) ? `${text} (niet geverifieerd)` : text);
  if (s.contact.phone) parts.push(mark('contact.phone', `tel. ${s.contact.phone}`));
  if (s.contact.web) parts.push(mark('contact.web', s.contact.web));
  if (s.urgent) parts.push('dag en nacht bereikbaar');
  parts.push(`bron: ${s.sources.map(sourceWords).join('; ')}`, `gecontroleerd ${s.lastVerified}`);
  return parts.join(' – ');
}
