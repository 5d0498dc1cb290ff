import { describe, expect, it } from 'vitest';
import { bundleEngine } from '../scripts/lib/bundle-engine.js';
import { demoInput } from '../test/support/bundles.js';

describe('the engine in the browser', () => {
  it('bundles for platform=browser with no Node built-ins and runs a session there', async () => {
    const { code, gzip } = await bundleEngine();
    expect(code).not.toMatch(/\brequire\(["']node:/);
    expect(gzip).toBeGreaterThan(1000);
    // Load the bundle as a module, as a browser would, and walk a tiny tree with it.
    const engine = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const bundle = engine.verifyBundle(demoInput());
    expect(bundle.problems).toEqual([]);
    const compiled = engine.compile(bundle.graphs.get('start'), bundle.services);
    const r = engine.answer(compiled, engine.start(compiled), { node: 'deur', value: 'helpen', at: '2026-11-22T10:00:00Z', channel: 'web' });
    expect(r.ok).toBe(true);
    expect(r.value.done).toBe(true);
    expect(engine.advice(compiled, r.value).map((i: { id: string }) => i.id)).toEqual(['start/buurthuis']);
  });
});
