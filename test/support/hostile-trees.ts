// Trees built to take a verifier down (issue 16 §6), for the tests that show it no longer can.
import { benchServices, chainTree } from '../../bench/generate-tree.js';
import type { BundleInput } from '../../engine/index.js';

const t = (nl: string) => ({ nl, en: nl });
const source = [{ seed: '001', lines: '1' }];

/** A minimal published tree around `nodes`, in the bench municipality (one service: "loket"). */
export function treeWith(id: string, start: string, nodes: Record<string, unknown>) {
  return {
    id,
    version: '1.0.0',
    gemeente: 'bench',
    door: 'oplossing',
    status: 'published',
    title: t(id),
    sources: source,
    lastReviewed: '2026-11-22',
    start,
    nodes,
  };
}

export const bundleOf = (...trees: { id: string }[]): BundleInput => ({
  gemeente: 'bench',
  trees: trees.map((json) => ({ name: json.id, json })),
  services: benchServices,
});

const callUs = {
  kind: 'advice',
  items: [
    {
      id: 'bel',
      kind: 'algemeen',
      title: t('Bel ons'),
      text: t('Bel het loket.'),
      why: t('Altijd.'),
      services: ['loket'],
      sources: source,
    },
  ],
  next: 'eind',
};

/**
 * The case: `questions` multiple-choice questions of `options` options each, all read
 * together by one condition at the end, so every combination of their answers is a state
 * (4 × 12 options: 4,095⁴ ≈ 2.8 × 10¹⁴).
 */
export function manyChoices(questions = 4, options = 12, id = 'veel') {
  const opts = Array.from({ length: options }, (_, i) => ({ value: `o${i}`, label: t(`Optie ${i + 1}`) }));
  const nodes: Record<string, unknown> = {};
  for (let q = 1; q <= questions; q++)
    nodes[`q${q}`] = {
      kind: 'question',
      text: t(`Vraag ${q}?`),
      input: { type: 'multi', options: opts },
      next: q < questions ? `q${q + 1}` : 'kies',
    };
  const all = Array.from({ length: questions }, (_, q) => ({ in: ['o0', { var: `q${q + 1}` }] }));
  nodes.kies = { kind: 'route', next: { routes: [{ when: { and: all }, to: 'hulp' }], otherwise: 'hulp' }, sources: source };
  nodes.hulp = callUs;
  nodes.eind = { kind: 'end', text: t('Klaar.') };
  return treeWith(id, 'q1', nodes);
}

/** A yes/no question whose route condition is `depth` negations deep. */
export function deepCondition(depth = 2000, id = 'diep') {
  let when: unknown = { '==': [{ var: 'vraag' }, true] };
  for (let i = 0; i < depth; i++) when = { '!': [when] };
  return treeWith(id, 'vraag', {
    vraag: {
      kind: 'question',
      text: t('Klopt het?'),
      input: { type: 'yesno' },
      next: { routes: [{ when, to: 'hulp' }], otherwise: 'hulp' },
      sources: source,
    },
    hulp: callUs,
    eind: { kind: 'end', text: t('Klaar.') },
  });
}

/** A chain of `nodes` nodes (questions and advice alternating), the bench's generated shape. */
export const longChain = (nodes = 4000, id = 'lang') => chainTree(Math.round((nodes - 2) / 2), id);
