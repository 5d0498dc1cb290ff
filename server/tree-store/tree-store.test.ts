import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState, TreeDetail } from '../api/contract.js';
import { DEMO_DIR, key, startSession, testApp, type TestApp } from '../testing/test-app.js';

// Each test gets its own copy of the demo municipality to edit, and a database file that
// survives a "restart" (a second app on the same file).
let root: string;
let dir: string;
let dbFile: string;
const apps: TestApp[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-trees-'));
  dir = join(root, 'demo');
  cpSync(DEMO_DIR, dir, { recursive: true });
  dbFile = join(root, 'test.db');
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  rmSync(root, { recursive: true, force: true });
});

const boot = async () => {
  const a = await testApp({ config: { treeDirs: [dir] }, databaseUrl: `sqlite:${dbFile}` });
  apps.push(a);
  return a;
};
const edit = (file: string, change: (json: Record<string, any>) => void) => {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  change(json);
  writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
};
const question = (json: Record<string, any>, text: string) => (json.nodes.deur.text.nl = text);

describe('tree store', () => {
  it('serves the published entry trees, not sub-flows', async () => {
    const t = await boot();
    const list = (await (await t.request('GET', '/api/trees')).json()) as { id: string }[];
    expect(list.map((x) => x.id)).toEqual(['demo/oplossing', 'demo/start']);
    const detail = (await (await t.request('GET', '/api/trees/demo/start?lang=en')).json()) as TreeDetail;
    expect(detail).toMatchObject({
      id: 'demo/start',
      version: '1.0.0',
      title: 'Start',
      uses: expect.arrayContaining([{ id: 'oplossing', version: '1.0.0' }]),
    });
    expect((detail.tree as { nodes: object }).nodes).toHaveProperty('deur');
  });

  it('a new version serves new sessions; running sessions stay on theirs, also after a restart', async () => {
    const t = await boot();
    const old = await startSession(t);
    edit('start.json', (j) => {
      j.version = '1.1.0';
      question(j, 'Waarmee kunnen we helpen?');
    });
    const report = await t.deps.trees.reload();
    expect(report.updated).toContain('demo/start');
    const fresh = await startSession(t);
    expect(fresh.state.step).toMatchObject({ text: 'Waarmee kunnen we helpen?' });
    expect((fresh.state as SessionState).treeVersion).toBe('1.1.0');

    // Restart on the same database, with the old version gone from disk.
    const again = await boot();
    const got = (await (await again.request('GET', `/api/sessions/${old.id}`, undefined, old.auth)).json()) as SessionState;
    expect(got).toMatchObject({ treeVersion: '1.0.0', step: { text: 'Wat wil je doen?' } });
    const answered = await again.request(
      'POST',
      `/api/sessions/${old.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      old.auth,
    );
    expect(answered.status).toBe(200);
  });

  it('a tree that does not verify is refused with its problems logged; the previous version keeps serving, also after a restart', async () => {
    const t = await boot();
    edit('start.json', (j) => {
      j.version = '2.0.0';
      j.nodes.deur.next.otherwise = 'bestaat-niet';
    });
    const report = await t.deps.trees.reload();
    expect(report.refused.map((r) => r.tree)).toContain('demo/start');
    expect(report.refused.find((r) => r.tree === 'demo/start')!.problems.length).toBeGreaterThan(0);
    expect(t.logs.some((l) => l.includes('"level":50') && l.includes('demo/start'))).toBe(true);
    expect(t.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await startSession(t)).state.step.id).toBe('deur');

    const again = await boot();
    expect(again.deps.trees.head('demo/start')!.version).toBe('1.0.0');
    expect((await again.request('GET', '/readyz')).status).toBe(200);
  });

  it('content changed without a version bump is refused (sessions are pinned by version)', async () => {
    const t = await boot();
    edit('start.json', (j) => question(j, 'Stiekem veranderd?'));
    const report = await t.deps.trees.reload();
    expect(report.refused).toContainEqual({ tree: 'demo/start', problems: [expect.objectContaining({ code: 'version-not-bumped' })] });
    expect((await startSession(t)).state.step).toMatchObject({ text: 'Wat wil je doen?' });
  });

  it('reformatting a file or reordering keys is not a change', async () => {
    const t = await boot();
    const json = JSON.parse(readFileSync(join(dir, 'start.json'), 'utf8'));
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    writeFileSync(join(dir, 'start.json'), JSON.stringify(reordered));
    const report = await t.deps.trees.reload();
    expect(report).toMatchObject({ updated: [], refused: [] });
  });
});
