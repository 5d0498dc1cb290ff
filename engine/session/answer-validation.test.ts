import { describe, expect, it } from 'vitest';
import { answer, compile, start, verifyBundle, type SessionView } from '../index.js';
import { loketCatalog as services, SOURCE, t } from '../../test/support/tiny-catalog.js';

const q = (input: object, next: string) => ({ kind: 'question', text: t('Vraag?'), input, next });
const tree = {
  id: 'alles',
  version: '1.0.0',
  gemeente: 'demo',
  door: 'oplossing',
  status: 'published',
  title: t('Alles'),
  sources: SOURCE,
  lastReviewed: '2026-11-22',
  start: 'een',
  nodes: {
    een: q(
      {
        type: 'single',
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      'veel',
    ),
    veel: q({ type: 'multi', min: 1, max: 2, options: ['a', 'b', 'c'].map((v) => ({ value: v, label: t(v) })) }, 'jn'),
    jn: q({ type: 'yesno' }, 'getal'),
    getal: q({ type: 'number', min: 0, max: 100, integer: true }, 'tekst'),
    tekst: q({ type: 'text', maxLength: 10 }, 'datum'),
    datum: q({ type: 'date', min: '2000-01-01', max: '2030-12-31' }, 'lees'),
    lees: { kind: 'info', text: t('Lees dit.'), next: 'advies' },
    advies: {
      kind: 'advice',
      items: [
        {
          id: 'bel',
          kind: 'algemeen',
          title: t('Bel'),
          text: t('Bel het loket.'),
          why: t('Altijd.'),
          services: ['loket'],
          sources: SOURCE,
        },
      ],
      next: 'eind',
    },
    eind: { kind: 'end', text: t('Klaar.') },
  },
};
// The questions here exist to test validation: the test reads their answers, no route does.
const extraReads = Object.keys(tree.nodes).map((id) => `alles/${id}`);
const bundle = verifyBundle({ gemeente: 'demo', trees: [{ name: 'alles', json: tree }], services }, { extraReads });
const compiled = compile(bundle.graphs.get('alles')!, bundle.services);
const at = '2026-11-22T10:00:00.000Z';
const step = (view: SessionView, value: unknown) => answer(compiled, view, { node: view.node.id, value, at, channel: 'web' });
/** A view at the given question, reached with valid answers. */
function viewAt(node: string): SessionView {
  const valid: Record<string, unknown> = { een: 'a', veel: ['a'], jn: true, getal: 5, tekst: 'hoi', datum: '2020-01-01', lees: null };
  let view = start(compiled);
  while (view.node.id !== node) {
    const r = step(view, valid[view.node.id]);
    if (!r.ok) throw new Error(r.error.message);
    view = r.value;
  }
  return view;
}

describe('answer validation', () => {
  it('verifies the test tree', () => expect(bundle.problems).toEqual([]));

  it.each([
    ['een', 'c', 'unknown-option'],
    ['een', 1, 'wrong-type'],
    ['veel', [], 'too-few'],
    ['veel', ['a', 'b', 'c'], 'too-many'],
    ['veel', ['a', 'z'], 'unknown-option'],
    ['veel', 'a', 'wrong-type'],
    ['jn', 'ja', 'wrong-type'],
    ['getal', 101, 'out-of-range'],
    ['getal', -1, 'out-of-range'],
    ['getal', 2.5, 'not-integer'],
    ['getal', '5', 'wrong-type'],
    ['getal', Number.NaN, 'wrong-type'],
    ['tekst', '   ', 'required'],
    ['tekst', 'elf tekens!', 'too-long'],
    ['tekst', 'a\u0000b', 'invalid-text'],
    ['datum', '2020-02-30', 'invalid-date'],
    ['datum', '20-01-2020', 'invalid-date'],
    ['datum', '1999-12-31', 'out-of-range'],
    ['lees', 'ok', 'wrong-type'],
  ])('at %s refuses %j with %s and leaves the session as it was', (node, value, code) => {
    const view = viewAt(node);
    const before = JSON.stringify(view.record);
    const r = step(view, value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.node).toBe(node);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(view.record)).toBe(before);
  });

  it('refuses an answer for a question that is not the current one', () => {
    const r = answer(compiled, viewAt('jn'), { node: 'een', value: 'b', at, channel: 'web' });
    expect(!r.ok && r.error.code).toBe('not-current-node');
  });

  it('stores a multiple choice in option order without repeats, and trimmed text', () => {
    const r = step(viewAt('veel'), ['b', 'a', 'b']);
    expect(r.ok && r.value.record.log.at(-1)!.value).toEqual(['a', 'b']);
    const text = step(viewAt('tekst'), '  hoi  ');
    expect(text.ok && text.value.record.log.at(-1)!.value).toBe('hoi');
  });

  it('refuses any step once the session has ended', () => {
    let view = viewAt('lees');
    const r = step(view, null);
    expect(r.ok).toBe(true);
    view = (r as { value: SessionView }).value;
    expect(view.done).toBe(true);
    expect(view.progress).toEqual({ done: 7 });
    const again = answer(compiled, view, { node: 'eind', value: null, at, channel: 'web' });
    expect(!again.ok && again.error.code).toBe('session-finished');
  });
});
