import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deepCondition, manyChoices } from '../../test/support/hostile-trees.js';
import type { Config } from '../config.js';
import { DEMO_DIR, startSession, testApp, type TestApp } from '../testing/test-app.js';

// A tree file can be broken in ways that used to stop the server: a syntax error, a condition
// nested 2,000 deep, answer combinations without end. Each is refused; the rest keeps serving.
let root: string;
let dir: string;
let dbFile: string;
const apps: TestApp[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-refused-'));
  dir = join(root, 'demo');
  cpSync(DEMO_DIR, dir, { recursive: true });
  dbFile = join(root, 'test.db');
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  rmSync(root, { recursive: true, force: true });
});

const boot = async (options: { verifier?: 'inline' | 'worker'; config?: Partial<Config> } = {}) => {
  const a = await testApp({ ...options, config: { treeDirs: [dir], ...options.config }, databaseUrl: `sqlite:${dbFile}` });
  apps.push(a);
  return a;
};

/** One of the hostile trees dressed as version 2.0.0 of the demo's start tree. */
function asDemoStart(tree: { nodes: Record<string, any> } & Record<string, unknown>) {
  const items = tree.nodes.hulp.items as { services: string[] }[];
  for (const item of items) item.services = ['buurthuis'];
  return { ...tree, id: 'start', gemeente: 'demo', door: 'start', version: '2.0.0' };
}
const edit = (file: string, change: (json: Record<string, any>) => void) => {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  change(json);
  writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
};
const write = (file: string, json: unknown) => writeFileSync(join(dir, file), JSON.stringify(json));
const readyz = async (t: TestApp) => {
  const res = await t.request('GET', '/readyz');
  return {
    status: res.status,
    body: (await res.json()) as { refused: { tree: string; serving: string | null; problems: { code: string }[] }[] },
  };
};
const codesFor = (body: Awaited<ReturnType<typeof readyz>>['body'], tree: string) =>
  body.refused.find((r) => r.tree === tree)?.problems.map((p) => p.code);

describe('a tree that cannot be verified never takes the server down', () => {
  it('a JSON syntax error at reload keeps the previous version serving, and /readyz names the file', async () => {
    const t = await boot();
    writeFileSync(
      join(dir, 'start.json'),
      readFileSync(join(dir, 'start.json'), 'utf8').replace('"version": "1.0.0"', '"version": "1.1.0",,'),
    );
    const report = await t.deps.trees.reload();
    expect(report.refused).toContainEqual({
      tree: 'demo/start',
      problems: [expect.objectContaining({ code: 'json-syntax', where: 'demo/start.json' })],
    });
    expect(report.serving).toContain('demo/start');
    expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await startSession(t)).state.step.id).toBe('deur');
    const { status, body } = await readyz(t);
    expect(status).toBe(200);
    expect(body.refused).toContainEqual({
      tree: 'demo/start',
      serving: '1.0.0',
      problems: [expect.objectContaining({ code: 'json-syntax' })],
    });

    // Also after a restart with the broken file still there: 1.0.0 is rebuilt from the stored
    // bundle, verified again in the worker thread.
    const again = await boot({ verifier: 'worker' });
    expect(again.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await startSession(again)).state.step.id).toBe('deur');
  });

  for (const shared of ['services.json', 'invariants.json'])
    it(`a syntax error in ${shared} refuses every tree of the folder; their previous versions keep serving`, async () => {
      const t = await boot();
      writeFileSync(join(dir, shared), '{ "gemeente": "demo", ');
      edit('start.json', (j) => (j.version = '1.1.0'));
      const report = await t.deps.trees.reload();
      expect(report.refused.map((r) => r.tree).sort()).toEqual(['demo/oplossing', 'demo/start']);
      expect(report.refused[0]!.problems).toContainEqual(expect.objectContaining({ code: 'json-syntax', where: `demo/${shared}` }));
      expect(report.serving).toEqual(['demo/oplossing', 'demo/start']);
      expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    });

  it('a condition nested 2,000 deep is refused with rule-too-deep at reload; the previous version keeps serving', async () => {
    const t = await boot();
    write('start.json', asDemoStart(deepCondition(2000)));
    const report = await t.deps.trees.reload();
    expect(report.refused.find((r) => r.tree === 'demo/start')!.problems).toContainEqual(
      expect.objectContaining({ code: 'rule-too-deep', pointer: '/nodes/vraag/next/routes/0/when' }),
    );
    expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await startSession(t)).state.step.id).toBe('deur');
  });

  it('boots with a 2,000-deep condition on disk: refuses that tree, serves the rest, and /readyz reports it', async () => {
    write('start.json', asDemoStart(deepCondition(2000)));
    const t = await boot({ verifier: 'worker' });
    expect(t.deps.trees.head('demo/start')).toBeUndefined();
    expect(t.deps.trees.head('demo/oplossing')).toBeDefined();
    const { status, body } = await readyz(t);
    expect(status).toBe(200);
    expect(codesFor(body, 'demo/start')).toContain('rule-too-deep');
  });

  it('a bundle past the state budget is refused with verify-budget-exceeded; the previous version keeps serving', async () => {
    const config = { verifyLimits: { maxStates: 20_000, maxMs: 60_000, maxProofStates: 2_000_000 } };
    const t = await boot({ config });
    write('start.json', asDemoStart(manyChoices(4, 12)));
    const report = await t.deps.trees.reload();
    const [problem] = report.refused.find((r) => r.tree === 'demo/start')!.problems;
    expect(problem).toMatchObject({ code: 'verify-budget-exceeded', where: 'demo/start' });
    expect(problem!.message).toContain('4,095 possible answers');
    expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect(codesFor((await readyz(t)).body, 'demo/start')).toEqual(['verify-budget-exceeded']);
  });

  it('answers requests while a slow bundle verifies in the worker thread, then keeps the previous version when it is refused', async () => {
    // 100,000 states: seconds of exploring, all of it in the verifier thread.
    const t = await boot({
      verifier: 'worker',
      config: { verifyLimits: { maxStates: 100_000, maxMs: 600_000, maxProofStates: 2_000_000 } },
    });
    write('start.json', asDemoStart(manyChoices(4, 12)));
    const since = t.logs.length;
    const logged = (text: string) => t.logs.slice(since).some((l) => l.includes(text));
    let reloaded = false;
    const reload = t.deps.trees.reload().then((report) => ((reloaded = true), report));
    while (!logged('Verifying demo')) await new Promise((r) => setTimeout(r, 5));

    // Served between "Verifying" and the verdict: only possible off the event loop.
    let served = 0;
    while (!logged('Verified demo') && served < 20) {
      const res = await t.request('GET', '/api/trees');
      expect(res.status).toBe(200);
      served++;
    }
    expect(served).toBe(20);
    expect(logged('Verified demo')).toBe(false);
    expect(reloaded).toBe(false);

    const report = await reload;
    expect(report.refused.find((r) => r.tree === 'demo/start')!.problems.map((p) => p.code)).toEqual(['verify-budget-exceeded']);
    expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await startSession(t)).state.step.id).toBe('deur');
  });
});
