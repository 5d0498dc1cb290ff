import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { localListeners, type SessionChange, type SessionChanges } from '../sessions/session-changes.js';

const CHANNEL = 'vw_session_changes';
const RECONNECT_MS = 2_000;

/**
 * Session changes across nodes: every node LISTENs on one channel with a connection of its own,
 * and a commit is announced with NOTIFY "<id> <version>" through the pool. A node hears its own
 * notifications too, so local listeners are reached the same way as remote ones. While the
 * listening connection is down, notifications are missed: consoles re-read on reconnect (the SSE
 * stream starts with the current version), so a gap delays an update but loses nothing.
 */
export async function pgSessionChanges(url: string, kysely: Kysely<Database>, onError: (message: string) => void): Promise<SessionChanges> {
  const local = localListeners();
  let client: pg.Client | undefined;
  let closed = false;

  async function listen(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      const [id, version] = (msg.payload ?? '').split(' ');
      if (id && Number.isInteger(Number(version))) local.deliver({ id, version: Number(version) });
    });
    c.on('error', (err) => {
      onError(`Listening for session changes failed (${err.message}); reconnecting.`);
      void c.end().catch(() => undefined);
      if (client === c) client = undefined;
      if (!closed) setTimeout(() => void listen().catch((e: Error) => onError(e.message)), RECONNECT_MS).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  }
  await listen();

  return {
    publish(change: SessionChange) {
      // The answer is already committed and acknowledged; a failed notice only delays a console.
      sql`select pg_notify(${CHANNEL}, ${`${change.id} ${change.version}`})`
        .execute(kysely)
        .catch((err: Error) => onError(`NOTIFY of a session change failed: ${err.message}`));
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
