import { describe, expect, it } from 'vitest';
import { answer, compile, present, start, verifyBundle } from '../../engine/index.js';
import { readInput, TREES } from '../../test/support/bundles.js';
import { autoAnswer, seededPicks } from './auto-answer.js';

const bundle = verifyBundle(readInput(`${TREES}haarlem`));
const compiled = compile(bundle.graphs.get('start')!, bundle.services);

/** The doors: the options of the first question. */
const doors = (present(compiled, start(compiled)).input as { options: unknown[] }).options.length;

/** Walks haarlem/start to its end with autoAnswer: the steps taken, the first answer, the path. */
function walk(pick?: () => number) {
  let view = start(compiled);
  let steps = 0;
  const answers: string[] = [];
  while (!view.done) {
    const value = autoAnswer(present(compiled, view), pick);
    answers.push(`${view.node.id}=${JSON.stringify(value)}`);
    const r = answer(compiled, view, { node: view.node.id, value, at: '2026-11-22T10:00:00.000Z', channel: 'web' });
    if (!r.ok) throw new Error(`autoAnswer gave ${JSON.stringify(value)} at ${view.node.id}: ${r.error.message}`);
    view = r.value;
    steps++;
  }
  return { steps, doorAnswer: answers[0], path: answers.join('|') };
}

describe('autoAnswer', () => {
  it('always answers the first option without a picker: one path, the same every time', () => {
    expect(walk()).toEqual(walk());
  });

  it('with a picker, gives answers the engine accepts and spreads walks over the tree', () => {
    const walks = Array.from({ length: 200 }, (_, i) => walk(seededPicks(i)));
    // Every door, and within them many different paths.
    expect(new Set(walks.map((w) => w.doorAnswer)).size).toBe(doors);
    expect(new Set(walks.map((w) => w.path)).size).toBeGreaterThan(50);
    const mean = walks.reduce((sum, w) => sum + w.steps, 0) / walks.length;
    expect(mean).toBeGreaterThan(walk().steps);
  });
});
