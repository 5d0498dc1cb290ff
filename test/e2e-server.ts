// Starts the server the browser tests and the widget benchmark talk to: the real one (server/app.ts,
// in-process, SQLite in memory) on the demo bundle plus the "proef" tree, or – when the real server
// cannot start – the contract fake in test/e2e-fake-server.ts. `kind` says which one ran.
import { serve, type ServerType } from '@hono/node-server';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proefServices, proefTree } from './e2e-proef-tree.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningServer {
  url: string;
  kind: 'real' | 'fake';
  close(): Promise<void>;
}

/** test/fixtures/demo + proef.json, in a temporary trees/demo folder. */
export async function demoBundleDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'vw-e2e-'));
  const dir = join(base, 'demo');
  await mkdir(dir);
  const src = join(ROOT, 'test/fixtures/demo');
  for (const f of await readdir(src)) if (f.endsWith('.json') && f !== 'services.json') await copyFile(join(src, f), join(dir, f));
  const services = JSON.parse(await readFile(join(src, 'services.json'), 'utf8')) as { services: unknown[] };
  await writeFile(join(dir, 'services.json'), JSON.stringify({ ...services, services: [...services.services, ...proefServices] }));
  await writeFile(join(dir, 'proef.json'), JSON.stringify(proefTree));
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

async function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((done) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
}

export async function startServer(prefer: 'real' | 'fake' = 'real'): Promise<RunningServer> {
  if (prefer === 'real') {
    try {
      const { dir, cleanup } = await demoBundleDir();
      const { testApp } = await import('../server/testing/test-app.js');
      const generous = { limit: 10_000, windowMs: 60_000 };
      const t = await testApp({
        config: {
          treeDirs: [dir],
          staticDir: join(ROOT, 'server/static'),
          widgetDir: join(ROOT, 'dist/widget'),
          rateLimits: { sessions: generous, resume: generous, concerns: generous },
        },
      });
      // The test app's clock stands still; the browser tests need time to pass normally.
      t.clock.now = new Date();
      setInterval(() => (t.clock.now = new Date()), 200).unref();
      const missing = (await t.request('GET', '/api/trees')).status;
      if (missing !== 200) throw new Error(`GET /api/trees answered ${missing}`);
      const server = await listen(t.app.fetch);
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        kind: 'real',
        close: async () => {
          await new Promise<void>((r) => server.close(() => r()));
          await t.close();
          await cleanup();
        },
      };
    } catch (err) {
      console.warn(`e2e: the real server did not start (${(err as Error).message}); using the contract fake instead.`);
    }
  }
  const { startFakeServer } = await import('./e2e-fake-server.js');
  return { ...(await startFakeServer()), kind: 'fake' };
}
