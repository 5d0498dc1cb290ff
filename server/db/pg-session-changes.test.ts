// Two nodes on one real PostgreSQL (a private cluster in a temporary folder, started by this test
// from Debian's PostgreSQL when it is installed): a console on node A hears an answer given on node B.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, startSession, testApp, type TestApp } from '../testing/test-app.js';
import { staffTest, type StaffTest } from '../staff/staff-test-kit.js';

const BIN = '/usr/lib/postgresql/15/bin';
const available = existsSync(join(BIN, 'initdb'));
const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
let dir = '';
let url = '';

function run(cmd: string, args: string[]) {
  const [bin, ...rest] = [...asPostgres, cmd, ...args];
  execFileSync(bin!, rest, { stdio: 'pipe' });
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'vw-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres']);
  run(join(BIN, 'pg_ctl'), ['-D', data, '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off`, '-w', '-l', join(dir, 'log'), 'start']);
  url = `postgres://postgres@127.0.0.1:${port}/postgres`;
}, 60_000);

afterAll(() => {
  if (!dir) return;
  try {
    run(join(BIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!available)('session changes across nodes (PostgreSQL LISTEN/NOTIFY)', () => {
  let a: StaffTest;
  let b: TestApp;
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("node A's console stream hears an answer committed through node B", async () => {
    a = await staffTest({}, undefined, { databaseUrl: url });
    b = await testApp({ databaseUrl: url });
    await a.addAccount('mila', 'medewerker');
    const mila = await a.login('mila');
    const resident = await startSession(b); // the resident's node
    expect((await mila.call('POST', '/api/staff/resume', { code: resident.resumeCode, channel: 'telefoon', consent: true })).status).toBe(
      200,
    );
    const live = await mila.call('GET', `/api/staff/sessions/${resident.id}/live`);
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (needle: string) => {
      while (!text.includes(needle)) text += (await reader.read()).value ?? '';
    };
    await until('{"version":0}');
    const res = await b.request(
      'POST',
      `/api/sessions/${resident.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      resident.auth,
    );
    expect(res.status).toBe(200);
    await until('{"version":1}');
    await reader.cancel();
    expect(text).not.toContain('oplossing');
  }, 60_000);
});
