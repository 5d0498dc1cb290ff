// Synthetic trees of a given size for the benchmarks: realistic shapes (choices that branch
// into advice and rejoin, conditions that read earlier answers), generated, not hand-written.
const t = (nl: string) => ({ nl, en: nl });
const source = [{ seed: '001', lines: '1' }];

export const benchServices = {
  gemeente: 'bench',
  services: [
    {
      id: 'loket',
      organisation: 'Gemeente',
      name: t('Loket'),
      description: t('Het loket.'),
      contact: { phone: '14 023' },
      areaServed: ['bench'],
      languages: ['nl'],
      cost: t('Gratis'),
      access: t('Bel.'),
      sources: source,
      lastVerified: '2026-11-22',
    },
  ],
};

/**
 * `questions` single-choice questions in a chain. Option "b" detours through an advice node;
 * every fifth question also looks back at the previous answer. Ends with a safety-net advice.
 */
export function chainTree(questions: number, id = 'keten') {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < questions; i++) {
    const next = i + 1 < questions ? `v${i + 1}` : 'vangnet';
    const when =
      i % 5 === 4 && i > 0
        ? { and: [{ '==': [{ var: `v${i}` }, 'b'] }, { '!=': [{ var: `v${i - 1}` }, 'c'] }] }
        : { '==': [{ var: `v${i}` }, 'b'] };
    nodes[`v${i}`] = {
      kind: 'question',
      text: t(`Vraag ${i + 1}?`),
      // "c" differs from "a" only where the next question looks back at it (and there is a next one);
      // elsewhere that is meant.
      input: {
        type: 'single',
        options: ['a', 'b', 'c'].map((v) => ({
          value: v,
          label: t(v.toUpperCase()),
          ...(v === 'c' && (i % 5 !== 3 || i + 1 === questions) ? { inert: true } : {}),
        })),
      },
      next: { routes: [{ when, to: `a${i}` }], otherwise: next },
      // A node that routes on answers names where its rule comes from (verifier: rule-source-missing).
      sources: source,
    };
    nodes[`a${i}`] = {
      kind: 'advice',
      items: [
        {
          id: `item-${i}`,
          kind: i % 2 ? 'informeel' : 'eigen-kracht',
          title: t(`Advies ${i}`),
          text: t('Tekst.'),
          why: t('Omdat.'),
          sources: source,
        },
      ],
      next,
    };
  }
  nodes.vangnet = {
    kind: 'advice',
    items: [
      {
        id: 'loket',
        kind: 'algemeen',
        title: t('Bel ons'),
        text: t('Bel 14 023.'),
        why: t('Altijd.'),
        services: ['loket'],
        sources: source,
      },
    ],
    next: 'eind',
  };
  nodes.eind = { kind: 'end', text: t('Klaar.') };
  return {
    id,
    version: '1.0.0',
    gemeente: 'bench',
    door: 'oplossing',
    status: 'published',
    title: t('Bench'),
    sources: source,
    lastReviewed: '2026-11-22',
    start: 'v0',
    nodes,
  };
}

/** The same 40-question logic as a SurveyJS survey: detour pages become visibleIf conditions. */
export function chainSurvey(questions: number) {
  const elements: unknown[] = [];
  for (let i = 0; i < questions; i++) {
    elements.push({ type: 'radiogroup', name: `v${i}`, title: `Vraag ${i + 1}?`, choices: ['a', 'b', 'c'] });
    const visibleIf = i % 5 === 4 && i > 0 ? `{v${i}} = 'b' and {v${i - 1}} <> 'c'` : `{v${i}} = 'b'`;
    elements.push({ type: 'html', name: `a${i}`, html: `Advies ${i}`, visibleIf });
  }
  return { pages: [{ name: 'p', elements }] };
}
