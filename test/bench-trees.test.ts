import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../engine/index.js';
import { benchServices, chainTree } from '../bench/generate-tree.js';

// npm run bench is not part of npm test; without this, a stricter verifier breaks the engine bench
// unnoticed (it did: rule-source-missing, from ccbe038 until session 6).
describe('the engine bench tree', () => {
  it('verifies without a problem, warnings included, as bench/engine.ts requires', () => {
    const bundle = verifyBundle({ gemeente: 'bench', trees: [{ name: 'keten', json: chainTree(40) }], services: benchServices });
    expect(bundle.problems).toEqual([]);
  });
});
