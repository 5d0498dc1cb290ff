// Issue 18, defect 4: 40 wrong staff passwords at once pushed answer p99 from 21 ms to 4 s, as
// scrypt and the WAL fdatasync shared libuv's four pool threads. Hashing now has a thread of its
// own (server/staff/hash-worker.mjs). Here: the real server on a SQLite file (durable answers),
// residents walking at a steady rate, and their p99 while 40 failed sign-ins are hashed beside
// the p99 of the same load without them – both measured in this run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/testing/server-process.js';
import { sessionWalker, type Counts } from './server.js';
import { percentile, type Row } from './stats.js';
import { steadyLoad } from './steady-load.js';

const RATE = 200;
const CLIENTS = 16;
const SECONDS = 4;
const LOGINS = 40;

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-login-'));
  const server = await startServer({
    TREE_DIRS: 'test/fixtures/demo',
    DATABASE_URL: `sqlite:${join(dir, 'burst.db')}`,
    RATE_SESSIONS: '10000000/60',
    // Every one of the 40 must reach scrypt: neither the address limit nor the lockout may cut it short.
    RATE_STAFF_LOGIN: '100000/60',
    STAFF_LOGIN_LOCKOUT: '100000/60',
  });
  try {
    const walk = (seconds = SECONDS) => {
      const counts: Counts = { answers: 0, keys: 0, sessions: 0 };
      return steadyLoad(server.url, { rate: RATE, seconds, clients: CLIENTS, client: () => sessionWalker(counts) });
    };
    await walk(); // warm-up: JIT, page cache, WAL, the hash thread
    const quiet = await walk();
    const started = performance.now();
    const burst = Promise.all(
      Array.from({ length: LOGINS }, (_, i) =>
        fetch(`${server.url}/api/staff/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `nobody-${i}`, password: 'not the password' }),
        }).then((res) => ({ status: res.status, ms: performance.now() - started })),
      ),
    );
    // One-second stretches until the last sign-in is answered: the whole burst, and nothing after it.
    let over = false;
    void burst.then(() => (over = true));
    const during = { latencies: [] as number[], non2xx: 0, errors: 0 };
    while (!over) {
      const stretch = await walk(1);
      during.latencies.push(...stretch.latencies);
      during.non2xx += stretch.non2xx;
      during.errors += stretch.errors;
    }
    const logins = await burst;
    const refused = logins.filter((l) => l.status === 401).length;
    if (refused !== LOGINS) throw new Error(`only ${refused} of ${LOGINS} sign-ins were hashed and refused (401)`);
    const burstSeconds = Math.max(...logins.map((l) => l.ms)) / 1000;
    const p99 = (latencies: number[]) => percentile(latencies, 99);
    const errors = quiet.non2xx + quiet.errors + during.non2xx + during.errors;
    return [
      {
        name: `walk p99 (answers and starts, ${RATE} req/s) during a burst of ${LOGINS} failed staff logins`,
        value: p99(during.latencies),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'p99 of the same load without the burst', value: p99(quiet.latencies) },
      },
      {
        name: `the ${LOGINS} failed logins (each hashed with scrypt) all answered within`,
        value: burstSeconds,
        unit: 's',
        better: 'lower',
      },
      { name: 'walk requests refused or failed in both windows (must be 0)', value: errors, unit: '', target: '0', pass: errors === 0 },
    ];
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
