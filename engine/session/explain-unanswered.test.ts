import { describe, expect, it } from 'vitest';
import { answer, compile, explain, start, verifyBundle, type SessionView } from '../index.js';
import { loketCatalog as services, SOURCE, t } from '../../test/support/tiny-catalog.js';

const single = (next: object | string) => ({
  kind: 'question',
  text: t('Vraag?'),
  input: { type: 'single', options: ['a', 'b'].map((v) => ({ value: v, label: t(v.toUpperCase()) })) },
  next,
  sources: SOURCE,
});
// "twee" is asked only after een = a, but the route after it reads "twee" on both paths.
const tree = {
  id: 'pad',
  version: '1.0.0',
  gemeente: 'demo',
  door: 'oplossing',
  status: 'published',
  title: t('Pad'),
  sources: SOURCE,
  lastReviewed: '2026-11-22',
  start: 'een',
  nodes: {
    een: single({ routes: [{ when: { '==': [{ var: 'een' }, 'a'] }, to: 'twee' }], otherwise: 'kies' }),
    twee: single('kies'),
    kies: {
      kind: 'route',
      next: { routes: [{ when: { '==': [{ var: 'twee' }, 'a'] }, to: 'eind-advies' }], otherwise: 'advies' },
      sources: SOURCE,
    },
    advies: {
      kind: 'advice',
      items: [{ id: 'bel', kind: 'algemeen', title: t('Bel'), text: t('Bel.'), why: t('Altijd.'), services: ['loket'], sources: SOURCE }],
      next: 'eind',
    },
    'eind-advies': {
      kind: 'advice',
      items: [{ id: 'kom', kind: 'algemeen', title: t('Kom'), text: t('Kom.'), why: t('Altijd.'), services: ['loket'], sources: SOURCE }],
      next: 'eind',
    },
    eind: { kind: 'end', text: t('Klaar.') },
  },
};

const bundle = verifyBundle({ gemeente: 'demo', trees: [{ name: 'pad', json: tree }], services });
const compiled = compile(bundle.graphs.get('pad')!, bundle.services);
const walk = (...values: string[]): SessionView =>
  values.reduce((view, value) => {
    const r = answer(compiled, view, { node: view.node.id, value, at: '2026-11-22T10:00:00.000Z', channel: 'web' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }, start(compiled));

describe('explain with a condition on a question that was not asked', () => {
  it('names only answers that were given', () => {
    const [only] = explain(compiled, walk('b'));
    expect(only!.item).toBe('pad/bel');
    expect(only!.because.map((b) => b.node)).toEqual(['een']);
  });

  it('names the answer once it was given', () => {
    const [only] = explain(compiled, walk('a', 'b'));
    expect(only!.because.map((b) => b.node)).toEqual(['een', 'twee']);
  });
});
