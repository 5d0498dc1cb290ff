import { describe, expect, it } from 'vitest';
import { bundleEngine } from '../scripts/lib/bundle-engine.js';
import { demoInput } from '../test/support/bundles.js';

describe('the engine in the browser', () => {
  it('bundles for platform=browser with no Node built-ins and runs a session there', async () => {
    const full = await bundleEngine('index');
    expect(full.code).not.toMatch(/\brequire\(["']node:/);
    const { code } = await bundleEngine('runtime');
    expect(code).not.toMatch(/\bzod\b|ZodError/);
    // Load the bundle as a module, as a browser would, and walk a tiny tree with it.
    const load = (js: string) => import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
    const verifier = await load(full.code);
    const input = demoInput();
    expect(verifier.verifyBundle(input).problems).toEqual([]);
    const engine = await load(code);
    const trees = new Map(input.trees.map((t) => [t.name, t.json]));
    const { graph, problems } = engine.flatten(trees, 'start');
    expect(problems).toEqual([]);
    const compiled = engine.compile(graph, input.services);
    const r = engine.answer(compiled, engine.start(compiled), {
      node: 'deur',
      value: 'helpen',
      at: '2026-11-22T10:00:00Z',
      channel: 'web',
    });
    expect(r.ok).toBe(true);
    expect(r.value.done).toBe(true);
    expect(engine.advice(compiled, r.value).map((i: { id: string }) => i.id)).toEqual(['start/buurthuis']);
  });
});
