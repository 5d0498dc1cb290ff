// Test support (not a test file): real PostgreSQL for the suites that run on it as well as on
// SQLite and PGlite. PG_URL names a server where the test user may CREATE DATABASE; every suite
// gets a database of its own, dropped afterwards. test/support/postgres-setup.ts starts a
// throwaway cluster when PostgreSQL is installed and PG_URL is not set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

export const PG_URL = process.env.PG_URL && process.env.PG_URL !== 'none' ? process.env.PG_URL : undefined;

/** Why the real-PostgreSQL suites do not run here, in the words the skipped suite's name shows. */
export const PG_MISSING = 'needs PostgreSQL: set PG_URL=postgres://… or install postgresql (see README, Tests)';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on PG_URL's server. */
export async function freshDatabase(): Promise<FreshDatabase> {
  if (!PG_URL) throw new Error(`freshDatabase ${PG_MISSING}`);
  const name = `vw_test_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Runs a suite that takes a database on the real PostgreSQL server too – or shows it skipped,
 * with the reason in its name. `suite` is the file's own `(name, open) => describe(…)`.
 */
export function onRealPostgres<T extends { close(): Promise<void> }>(
  suite: (name: string, open: () => Promise<T>) => void,
  open: (url: string) => Promise<T>,
): void {
  if (!PG_URL) {
    describe.skip(`PostgreSQL server: ${PG_MISSING}`, () => {
      it('runs when PG_URL is set', () => undefined);
    });
    return;
  }
  let fresh: FreshDatabase | undefined;
  suite('PostgreSQL server (PG_URL)', async () => {
    fresh = await freshDatabase();
    return open(fresh.url);
  });
  afterAll(async () => fresh?.drop());
}
