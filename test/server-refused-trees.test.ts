import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../server/testing/server-process.js';
import { deepCondition } from './support/hostile-trees.js';

// The real server (server/main.ts, verifier in its worker thread) with a tree on disk that used to
// crash it at boot, and then a syntax error at SIGHUP: it starts, and it never stops serving.
let root: string;
let dir: string;
let original: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vw-refused-proc-'));
  dir = join(root, 'demo');
  cpSync(resolve('test/fixtures/demo'), dir, { recursive: true });
  original = readFileSync(join(dir, 'start.json'), 'utf8');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = async (server: ServerProcess, path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, body: (await res.json()) as any };
};
async function logLine(server: ServerProcess, since: number, includes: string): Promise<void> {
  while (!server.output.slice(since).some((l) => l.includes(includes))) await new Promise((r) => setTimeout(r, 20));
}

describe('server process with trees it must refuse', () => {
  it('boots with a 2,000-deep condition on disk, then keeps the good version through a syntax error at SIGHUP', async () => {
    const deep = { ...deepCondition(2000), id: 'start', gemeente: 'demo', door: 'start' } as Record<string, any>;
    deep.nodes.hulp.items[0].services = ['buurthuis'];
    writeFileSync(join(dir, 'start.json'), JSON.stringify(deep));
    const server = await startServer({ DATABASE_URL: `sqlite:${join(root, 'proc.db')}`, TREE_DIRS: dir });
    try {
      const ready = await get(server, '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.refused).toContainEqual({
        tree: 'demo/start',
        serving: null,
        problems: [expect.objectContaining({ code: 'rule-too-deep', pointer: '/nodes/vraag/next/routes/0/when' })],
      });
      expect((await get(server, '/api/trees')).body.map((t: { id: string }) => t.id)).toEqual(['demo/oplossing']);

      // Fixed: the good start tree serves.
      writeFileSync(join(dir, 'start.json'), original);
      let since = server.output.length;
      server.proc.kill('SIGHUP');
      await logLine(server, since, 'demo/start@1.0.0 serves new sessions');
      expect((await get(server, '/api/trees/demo/start')).body.version).toBe('1.0.0');

      // Broken by a syntax error: refused, 1.0.0 keeps serving.
      writeFileSync(join(dir, 'start.json'), original.replace('"version": "1.0.0"', '"version": "1.1.0",,'));
      since = server.output.length;
      server.proc.kill('SIGHUP');
      await logLine(server, since, 'Tree demo/start refused');
      expect((await get(server, '/api/trees/demo/start')).body.version).toBe('1.0.0');
      const after = await get(server, '/readyz');
      expect(after.body.refused).toContainEqual({
        tree: 'demo/start',
        serving: '1.0.0',
        problems: [expect.objectContaining({ code: 'json-syntax' })],
      });
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  });
});
