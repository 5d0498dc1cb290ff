import type { Kysely } from 'kysely';
import type { Channel } from '../../engine/index.js';
import type { AdviceMode } from '../api/schemas.js';
import type { Committer } from './group-commit.js';
import { precompile } from './precompiled.js';
import type { Database, SessionsTable } from './schema.js';
import type { PlanResult } from './write-plan.js';

export interface SessionRow {
  id: string;
  tree: string;
  bundleHash: string;
  treeVersion: string;
  locale: string;
  channel: Channel;
  version: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface SessionEvent {
  seq: number;
  kind: 'answer' | 'back' | 'revise';
  node: string | null;
  value: unknown;
  channel: Channel;
  at: string;
}

/**
 * What a session step keeps under its idempotency key: not its response but what rebuilds it – the
 * version the step produced and the language it answered in. The state at a version follows from
 * the events up to it (replay-events.ts), so a repeat gets the same body. A stored copy of every
 * response held all answers so far: a second copy of the resident's answers in every row, 85 % of
 * the database and most of each commit's pages.
 */
export interface StepReceipt {
  version: number;
  locale: string;
  /** Absent: `full` (receipts written before AdviceMode existed have none). */
  advice?: AdviceMode;
}

/** What a write stored under its idempotency key: a session step's StepReceipt, a concern's receipt. */
export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

export interface AppendInput {
  sessionId: string;
  /** The version the change was computed on; the append fails if the session moved on. */
  expectVersion: number;
  event: Omit<SessionEvent, 'seq'>;
  idempotency: { key: string; requestHash: string; status: number; receipt: StepReceipt };
  /** The session's new expiry; absent: the stored one stands (see write-step.ts). */
  expiresAt?: string;
}

/** 'conflict': another write got there first (version moved, or the same key raced us). */
export type AppendResult = PlanResult;

/** The statements every answer runs, compiled once per database (see precompiled.ts). */
function hotQueries(db: Kysely<Database>) {
  return {
    authorize: precompile(3, (id, tokenHash, key) =>
      db
        .selectFrom('sessions')
        .leftJoin('session_tokens', (j) =>
          j.onRef('session_tokens.session_id', '=', 'sessions.id').on('session_tokens.token_hash', '=', tokenHash),
        )
        .leftJoin('idempotency', (j) => j.onRef('idempotency.session_id', '=', 'sessions.id').on('idempotency.key', '=', key))
        .selectAll('sessions')
        .select(['session_tokens.token_hash', 'idempotency.request_hash', 'idempotency.status', 'idempotency.response'])
        .where('sessions.id', '=', id),
    ),
    bumpVersion: precompile(4, (version, at, id, expectVersion) =>
      db.updateTable('sessions').set({ version, updated_at: at }).where('id', '=', id).where('version', '=', expectVersion),
    ),
    bumpVersionAndExpiry: precompile(5, (version, at, expiresAt, id, expectVersion) =>
      db
        .updateTable('sessions')
        .set({ version, updated_at: at, expires_at: expiresAt })
        .where('id', '=', id)
        .where('version', '=', expectVersion),
    ),
    insertEvent: precompile(7, (session_id, seq, kind, node, value, channel, at) =>
      db.insertInto('session_events').values({ session_id, seq, kind, node, value, channel, at }),
    ),
    insertSession: precompile(10, (id, tree, bundle_hash, tree_version, locale, channel, version, created_at, updated_at, expires_at) =>
      db
        .insertInto('sessions')
        .values({ id, tree, bundle_hash, tree_version, locale, channel, version, created_at, updated_at, expires_at }),
    ),
    insertToken: precompile(3, (token_hash, session_id, created_at) =>
      db.insertInto('session_tokens').values({ token_hash, session_id, via: 'create', created_at }),
    ),
    insertResumeCode: precompile(4, (code_hash, session_id, created_at, expires_at) =>
      db.insertInto('resume_codes').values({ code_hash, session_id, created_at, expires_at }),
    ),
    insertIdempotency: precompile(6, (session_id, key, request_hash, status, response, created_at) =>
      db.insertInto('idempotency').values({ session_id, key, request_hash, status, response, created_at }),
    ),
  };
}

/** `durable`: see Db.durable – a stored step is answered again only once it is durable. */
export function sessionRepo(db: Kysely<Database>, committer: Committer, durable: () => Promise<void>) {
  const hot = hotQueries(db);
  return {
    /** 'conflict': the id, token or resume code is taken – the caller draws new ones (session-service.ts). */
    async create(row: SessionRow, token: { hash: string }, code: { hash: string; expiresAt: string }): Promise<PlanResult> {
      const r = toRow(row);
      return committer.apply({
        statements: [
          {
            query: hot.insertSession.query(
              r.id,
              r.tree,
              r.bundle_hash,
              r.tree_version,
              r.locale,
              r.channel,
              r.version,
              r.created_at,
              r.updated_at,
              r.expires_at,
            ),
          },
          { query: hot.insertToken.query(token.hash, row.id, row.createdAt) },
          { query: hot.insertResumeCode.query(code.hash, row.id, row.createdAt, code.expiresAt) },
        ],
      });
    },

    /**
     * The session, whether the token belongs to it and – for writes – what was stored under the
     * idempotency key: one round trip on the hot path.
     */
    async authorize(
      id: string,
      tokenHash: string,
      idempotencyKey?: string,
    ): Promise<{ session: SessionRow; tokenOk: boolean; stored?: StoredResponse } | undefined> {
      const [row] = (await hot.authorize(db, id, tokenHash, idempotencyKey ?? '')).rows;
      if (!row) return undefined;
      const stored =
        row.request_hash !== null && row.response !== null
          ? { requestHash: row.request_hash, status: Number(row.status), body: JSON.parse(row.response) }
          : undefined;
      if (stored) await durable();
      return { session: fromRow(row), tokenOk: row.token_hash !== null, ...(stored ? { stored } : {}) };
    },

    async find(id: string): Promise<SessionRow | undefined> {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },

    async events(id: string): Promise<SessionEvent[]> {
      const rows = await db.selectFrom('session_events').selectAll().where('session_id', '=', id).orderBy('seq').execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        kind: r.kind,
        node: r.node,
        value: r.value === null ? null : JSON.parse(r.value),
        channel: r.channel as Channel,
        at: r.at,
      }));
    },

    async stored(sessionId: string, key: string): Promise<StoredResponse | undefined> {
      const row = await db
        .selectFrom('idempotency')
        .select(['request_hash', 'status', 'response'])
        .where('session_id', '=', sessionId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return undefined;
      await durable();
      return { requestHash: row.request_hash, status: Number(row.status), body: JSON.parse(row.response) };
    },

    /**
     * Appends one event, bumps the version and records the step's receipt under the idempotency key –
     * all in one transaction, so a 2xx is only ever sent for a committed step.
     */
    async append(input: AppendInput): Promise<AppendResult> {
      const { sessionId, expectVersion, event, idempotency } = input;
      const version = expectVersion + 1;
      const value = event.value === null || event.value === undefined ? null : JSON.stringify(event.value);
      const { key, requestHash, status, receipt } = idempotency;
      return committer.apply({
        statements: [
          {
            query: input.expiresAt
              ? hot.bumpVersionAndExpiry.query(version, event.at, input.expiresAt, sessionId, expectVersion)
              : hot.bumpVersion.query(version, event.at, sessionId, expectVersion),
            guard: 'one-row',
          },
          { query: hot.insertEvent.query(sessionId, version, event.kind, event.node, value, event.channel, event.at) },
          // The same key raced us: a unique violation, a conflict.
          { query: hot.insertIdempotency.query(sessionId, key, requestHash, status, JSON.stringify(receipt), event.at) },
        ],
      });
    },

    /** 'staff': minted for a staff member's resume, so the resident can revoke it (resident-data-repo.ts). */
    async addToken(sessionId: string, tokenHash: string, via: 'resume' | 'staff', at: string): Promise<void> {
      await committer.run((tx) =>
        tx.insertInto('session_tokens').values({ token_hash: tokenHash, session_id: sessionId, via, created_at: at }).execute(),
      );
    },

    /** 'conflict': the code is taken by a live one – the caller draws another. */
    async addResumeCode(sessionId: string, codeHash: string, at: string, expiresAt: string): Promise<PlanResult> {
      return committer.apply({ statements: [{ query: hot.insertResumeCode.query(codeHash, sessionId, at, expiresAt) }] });
    },

    async resumeCode(codeHash: string): Promise<{ sessionId: string; expiresAt: string; staffUsedAt: string | null } | undefined> {
      const row = await db
        .selectFrom('resume_codes')
        .select(['session_id', 'expires_at', 'staff_used_at'])
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return row && { sessionId: row.session_id, expiresAt: row.expires_at, staffUsedAt: row.staff_used_at ?? null };
    },

    /** The first staff use of a code starts its staff window; later uses keep the first time. */
    async markStaffUse(codeHash: string, at: string): Promise<void> {
      await committer.run((tx) =>
        tx
          .updateTable('resume_codes')
          .set({ staff_used_at: at })
          .where('code_hash', '=', codeHash)
          .where('staff_used_at', 'is', null)
          .execute(),
      );
    },

    /** The resident's language choice: kept with the session, so a reload or a resume speaks it too. */
    async setLocale(id: string, locale: string): Promise<void> {
      await committer.run((tx) => tx.updateTable('sessions').set({ locale }).where('id', '=', id).execute());
    },
  };
}

export type SessionRepo = ReturnType<typeof sessionRepo>;

function toRow(s: SessionRow): SessionsTable {
  return {
    id: s.id,
    tree: s.tree,
    bundle_hash: s.bundleHash,
    tree_version: s.treeVersion,
    locale: s.locale,
    channel: s.channel,
    version: s.version,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    expires_at: s.expiresAt,
  };
}

function fromRow(r: SessionsTable): SessionRow {
  return {
    id: r.id,
    tree: r.tree,
    bundleHash: r.bundle_hash,
    treeVersion: r.tree_version,
    locale: r.locale,
    channel: r.channel as Channel,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
  };
}
