// vitest globalSetup: when PG_URL is not set but PostgreSQL is installed, a throwaway cluster on
// a free port for this run (as the postgres user when we are root: initdb refuses root), so that
// `npm test` runs the real-PostgreSQL suites wherever it can, and says why where it cannot.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function setup(): Promise<(() => void) | void> {
  if (process.env.PG_URL) return;
  const bin = postgresBin();
  if (!bin) return say('no PostgreSQL binaries (initdb) found');
  const root = process.getuid?.() === 0;
  if (root && spawnSync('id', ['postgres']).status !== 0) return say('running as root and there is no postgres user to run initdb as');
  const dir = mkdtempSync(join(tmpdir(), 'vw-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  try {
    as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    as('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return say(
      `starting a cluster failed: ${
        String((err as { stderr?: Buffer }).stderr ?? err)
          .trim()
          .split('\n')[0]
      }`,
    );
  }
  process.env.PG_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  console.log(`PostgreSQL suites: a throwaway cluster on port ${port} (set PG_URL to use your own).`);
  return () => {
    try {
      as('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function say(reason: string): void {
  // CI (.ci/run) sets REQUIRE_POSTGRES=1: there the suites must run, so a missing server fails the run.
  if (process.env.REQUIRE_POSTGRES === '1')
    throw new Error(`REQUIRE_POSTGRES=1 but ${reason}. Run scripts/ensure-postgres.sh (as root) or set PG_URL.`);
  console.log(`PostgreSQL suites skipped: ${reason}. Install postgresql or set PG_URL=postgres://… to run them.`);
}

function postgresBin(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config: Debian's server packages live in /usr/lib/postgresql/<version>/bin.
  }
  const base = '/usr/lib/postgresql';
  if (existsSync(base))
    candidates.push(
      ...readdirSync(base)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(base, v, 'bin')),
    );
  return candidates.find((d) => existsSync(join(d, 'initdb')));
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}
