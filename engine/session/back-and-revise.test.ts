import { describe, expect, it } from 'vitest';
import { demo, walkTo as walk } from '../../test/support/bundles.js';
import { advice, back, replay, revise, start } from '../index.js';

const { compiled: compiledFor } = demo();
const compiled = compiledFor('start');
const at = '2026-11-22T10:00:00.000Z';
const walkTo = (steps: [string, unknown][]) => walk(compiled, steps);
const both: [string, unknown][] = [
  ['deur', 'oplossing'],
  ['naar-oplossing/domeinen', ['vervoer', 'huishouden']],
  ['naar-oplossing/leeftijd', 80],
  ['naar-oplossing/uitleg', null],
  ['naar-oplossing/elk/vervoer/zelf', true],
  ['naar-oplossing/elk/huishouden/zelf', false],
];

describe('back', () => {
  it('drops the last answer and returns to its question', () => {
    const view = walkTo(both.slice(0, 3));
    const r = back(compiled, view);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.node.id).toBe('naar-oplossing/leeftijd');
      expect(r.value.answers).not.toHaveProperty('naar-oplossing/leeftijd');
      expect(r.value.record.log).toHaveLength(2);
    }
  });

  it('takes advice added after that question out of the plan again', () => {
    const done = walkTo(both);
    expect(advice(compiled, done).map((i) => i.id)).toContain('huishouden/buurthuis');
    const r = back(compiled, done);
    expect(r.ok && advice(compiled, r.value).map((i) => i.id)).toEqual(['vervoer/vraag-omgeving']);
  });

  it('has nothing to undo at the first question', () => {
    const r = back(compiled, start(compiled));
    expect(!r.ok && r.error.code).toBe('nothing-to-undo');
  });
});

describe('revise (change an earlier answer from the overview)', () => {
  it('keeps later answers whose questions still come up', () => {
    const done = walkTo(both);
    const r = revise(compiled, done, { node: 'naar-oplossing/leeftijd', value: 40, at, channel: 'telefoon' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.done).toBe(true);
    expect(r.value.record.log.map((e) => e.node)).toEqual(both.map(([n]) => n));
    expect(r.value.record.log[2]).toMatchObject({ value: 40, channel: 'telefoon' });
    expect(advice(compiled, r.value).map((i) => i.id)).not.toContain('oplossing/huisbezoek');
  });

  it('prunes answers on branches no longer taken', () => {
    const done = walkTo(both);
    const r = revise(compiled, done, { node: 'naar-oplossing/domeinen', value: ['huishouden'], at, channel: 'web' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const nodes = r.value.record.log.map((e) => e.node);
    expect(nodes).not.toContain('naar-oplossing/elk/vervoer/zelf');
    expect(nodes).toContain('naar-oplossing/elk/huishouden/zelf');
    expect(r.value.answers).not.toHaveProperty('naar-oplossing/elk/vervoer/zelf');
  });

  it('refuses to change a question that was never answered', () => {
    const r = revise(compiled, walkTo(both.slice(0, 1)), { node: 'naar-oplossing/leeftijd', value: 3, at, channel: 'web' });
    expect(!r.ok && r.error.code).toBe('not-answered');
  });
});

describe('replay', () => {
  it('rebuilds exactly the state that answering built', () => {
    const live = walkTo(both);
    const r = replay(compiled, live.record);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.node.id).toBe(live.node.id);
      expect(r.value.answers).toEqual(live.answers);
      expect(advice(compiled, r.value)).toEqual(advice(compiled, live));
    }
  });

  it('refuses a record made on another tree version', () => {
    const r = replay(compiled, { ...walkTo(both).record, treeVersion: '0.9.0' });
    expect(!r.ok && r.error.code).toBe('tree-mismatch');
  });

  it('refuses a log that does not fit the tree any more', () => {
    const record = walkTo(both).record;
    const tampered = { ...record, log: [record.log[0]!, { ...record.log[1]!, value: ['fietsen'] }] };
    const r = replay(compiled, tampered);
    expect(!r.ok && r.error).toMatchObject({ code: 'log-mismatch', node: 'naar-oplossing/domeinen' });
  });
});
