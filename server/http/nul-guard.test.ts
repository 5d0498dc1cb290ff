import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRealPostgres } from '../testing/postgres.js';
import { connect, type Db } from '../db/connect.js';
import { PASSWORD, staffTest, type StaffAgent, type StaffTest } from '../staff/staff-test-kit.js';
import { allTableCounts, key, startSession } from '../testing/test-app.js';

// PostgreSQL refuses U+0000 in text and jsonb (the fuzzer's 500s); SQLite takes it. The API must
// refuse it the same way on both, before any query: 422, the field named, nothing changed.

type Call = {
  name: string;
  send(t: StaffTest, s: Session, staff: StaffAgent): Promise<Response>;
  at?: { pointer?: string; parameter?: string };
};
type Session = Awaited<ReturnType<typeof startSession>>;

const answer = (s: Session, body: Record<string, unknown>) => ({
  node: s.state.step.id,
  value: 'x',
  version: 0,
  idempotencyKey: key(),
  ...body,
});

const CALLS: Call[] = [
  {
    name: 'a tree id in a new session',
    send: (t) => t.request('POST', '/api/sessions', { tree: 'demo/start\u0000' }),
    at: { pointer: '/tree' },
  },
  { name: 'a session id in the path, unauthenticated', send: (t) => t.request('GET', '/api/sessions/abc%00def') },
  {
    name: 'a session id in the path of an answer',
    send: (t, s) => t.request('POST', `/api/sessions/${s.id}%00/answers`, answer(s, {}), s.auth),
  },
  {
    name: 'an answer value',
    send: (t, s) => t.request('POST', `/api/sessions/${s.id}/answers`, answer(s, { value: 'ja\u0000nee' }), s.auth),
    at: { pointer: '/value' },
  },
  {
    name: 'a key inside an answer value',
    send: (t, s) => t.request('POST', `/api/sessions/${s.id}/answers`, answer(s, { value: { 'a\u0000': 1 } }), s.auth),
    at: { pointer: '/value/a\u0000' },
  },
  {
    name: 'an idempotency key',
    send: (t, s) => t.request('POST', `/api/sessions/${s.id}/answers`, answer(s, { idempotencyKey: 'k\u0000' }), s.auth),
    at: { pointer: '/idempotencyKey' },
  },
  {
    name: 'a query parameter',
    send: (t, s) => t.request('GET', `/api/sessions/${s.id}?lang=nl%00`, undefined, s.auth),
    at: { parameter: 'lang' },
  },
  { name: 'a resume code', send: (t) => t.request('POST', '/api/resume', { code: 'ABCD\u0000EFGH' }), at: { pointer: '/code' } },
  {
    name: 'a concern report text',
    send: (t) => t.request('POST', '/api/concerns', { about: 'anders', urgency: 'dringend', noticed: 'Ik zag \u0000 iets' }),
    at: { pointer: '/noticed' },
  },
  {
    name: 'a staff sign-in name',
    send: (t) => t.request('POST', '/api/staff/login', { name: 'an\u0000na', password: PASSWORD }),
    at: { pointer: '/name' },
  },
  {
    name: 'a resume code read out to staff',
    send: (_t, _s, staff) => staff.call('POST', '/api/staff/resume', { code: 'ABCD\u0000EFGH', channel: 'telefoon', consent: true }),
    at: { pointer: '/code' },
  },
  { name: 'a coach plan id in the path', send: (_t, _s, staff) => staff.call('GET', '/api/staff/coach/plans/p%00') },
];

function nulSuite(backend: string, open: () => Promise<Db>) {
  describe(`a NUL character in any id or text on ${backend}`, () => {
    let t: StaffTest;
    let s: Session;
    let staff: StaffAgent;
    beforeAll(async () => {
      t = await staffTest({}, undefined, { db: await open() });
      await t.addAccount('anna', 'beheerder');
      staff = await t.login('anna');
      s = await startSession(t);
    });
    afterAll(() => t.close());

    it.each(CALLS)('$name → 422 validation-failed naming it, and nothing changed', async ({ send, at }) => {
      const before = await allTableCounts(t.db);
      const res = await send(t, s, staff);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as {
        code: string;
        detail: string;
        errors?: { pointer?: string; parameter?: string; code: string }[];
      };
      expect(body.code).toBe('validation-failed');
      expect(body.detail).toMatch(/NUL character.*remove it/);
      if (at) expect(body.errors).toContainEqual(expect.objectContaining({ ...at, code: 'nul-character' }));
      expect(await allTableCounts(t.db)).toEqual(before);
    });
  });
}

nulSuite('SQLite', () => connect('sqlite::memory:'));

let pglite: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
nulSuite('PostgreSQL (PGlite over a socket)', async () => {
  pglite = await PGlite.create();
  server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  return connect(`postgres://postgres@${server.getServerConn()}/postgres`, { poolMax: 4 });
});
afterAll(async () => {
  await server?.stop();
  await pglite?.close();
});

onRealPostgres(nulSuite, (url) => connect(url, { poolMax: 4 }));
