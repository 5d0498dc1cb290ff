import { describe, expect, it } from 'vitest';
import type { FullSessionState } from '../api/contract.js';
import { sessionSummary } from './session-summary.js';

const state = {
  tree: 'duinstad/start',
  treeVersion: '1.0.0',
  trail: [
    {
      node: 'buren',
      question: 'Kunnen je buren je helpen?',
      answer: 'Nee',
      value: false,
      at: '2026-11-22T10:00:00.000Z',
      channel: 'telefoon',
    },
    { node: 'wie', question: 'Voor wie?', answer: 'Mijzelf', value: 'zelf', at: '2026-11-22T10:01:00.000Z', channel: 'web' },
  ],
  advice: [],
} as unknown as FullSessionState;

describe('handover summary', () => {
  it("names the phone channel with the municipality's contact number from its gemeente.json", () => {
    const text = sessionSummary(state, ['trail'], [], '0255 99 00 00');
    expect(text).toContain('- Kunnen je buren je helpen?: Nee (telefoon 0255 99 00 00, 2026-11-22 10:00)');
    expect(text).toContain('- Voor wie?: Mijzelf (website, 2026-11-22 10:01)');
  });

  it('says only "telefoon" when the municipality has no gemeente.json', () => {
    expect(sessionSummary(state, ['trail'], [])).toContain('(telefoon, 2026-11-22 10:00)');
  });
});
