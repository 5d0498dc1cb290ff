import type { Kysely } from 'kysely';
import { isUniqueViolation } from './unique-violation.js';
import type { Database } from './schema.js';

// The staff side of the database (migration 0002-staff). Kept out of schema.ts, which belongs to
// the resident API: these tables are only reachable through the staff routes.

export const ROLES = ['medewerker', 'wijkcoach', 'behandelaar', 'beheerder'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffTables {
  staff_accounts: {
    id: string;
    name: string;
    display_name: string;
    role: string;
    password_hash: string | null;
    oidc_subject: string | null;
    active: number;
    created_at: string;
  };
  staff_sessions: { id_hash: string; account_id: string; csrf_hash: string; created_at: string; last_seen_at: string; expires_at: string };
  oidc_flows: { state_hash: string; verifier: string; nonce: string; created_at: string; expires_at: string };
  staff_consents: {
    id: string;
    session_id: string;
    account_id: string;
    purpose: string;
    channel: string;
    consent_text: string | null;
    at: string;
    /** Set when the resident revoked staff access (0009): the consent no longer opens the session. */
    revoked_at?: string | null;
  };
  staff_notes: { id: string; session_id: string; node: string; text: string; account_id: string; at: string };
  staff_handovers: {
    id: string;
    session_id: string;
    service_id: string;
    account_id: string;
    consent_id: string;
    shared: string;
    summary: string;
    status: string;
    at: string;
    attempts?: number;
    next_attempt_at?: string | null;
    delivered_at?: string | null;
    last_error?: string | null;
  };
  concern_claims: { concern_id: string; account_id: string; at: string };
  coach_plans: { id: string; account_id: string; label: string; question: string; created_at: string; updated_at: string };
  coach_entries: {
    plan_id: string;
    domain: string;
    score: number | null;
    note: string;
    session_id: string | null;
    revision: number;
    updated_at: string;
    walk_key?: string | null;
  };
  coach_changes: { plan_id: string; key: string; domain: string; request_hash: string; status: number; response: string; at: string };
  audit_log: {
    id: string;
    at: string;
    account_id: string | null;
    role: string | null;
    action: string;
    target_kind: string;
    target_id: string | null;
    detail: string | null;
    /** The client address (client-address.ts), for rows since migration 0006. */
    address: string | null;
    /** The place in the hash chain (audit-chain.ts), its predecessor's hash and its own. */
    seq: number | null;
    prev_hash: string | null;
    hash: string | null;
  };
  /** One row ('chain', 0009): the place and hash of the last audit row retention purged. */
  audit_anchor: { id: string; seq: number; hash: string; at: string };
}

export type StaffDb = Kysely<Database & StaffTables>;

export interface Account {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  oidcSubject: string | null;
  active: boolean;
}

export interface StaffSession {
  account: Account;
  csrfHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

const toAccount = (r: StaffTables['staff_accounts']): Account => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  oidcSubject: r.oidc_subject,
  active: Number(r.active) === 1,
});

export function staffRepo(db: StaffDb) {
  return {
    async addAccount(a: Omit<Account, 'active'>, at: string): Promise<'ok' | 'exists'> {
      try {
        await db
          .insertInto('staff_accounts')
          .values({
            id: a.id,
            name: a.name,
            display_name: a.displayName,
            role: a.role,
            password_hash: a.passwordHash,
            oidc_subject: a.oidcSubject,
            active: 1,
            created_at: at,
          })
          .execute();
        return 'ok';
      } catch (err) {
        if (isUniqueViolation(err)) return 'exists';
        throw err;
      }
    },

    /** Off-boarding: a disabled account cannot sign in, and its open sessions end at their next request. */
    async setActive(name: string, active: boolean): Promise<boolean> {
      const r = await db
        .updateTable('staff_accounts')
        .set({ active: active ? 1 : 0 })
        .where('name', '=', name)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async setPassword(name: string, hash: string): Promise<boolean> {
      const r = await db.updateTable('staff_accounts').set({ password_hash: hash }).where('name', '=', name).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async accountByName(name: string): Promise<Account | undefined> {
      const r = await db.selectFrom('staff_accounts').selectAll().where('name', '=', name).executeTakeFirst();
      return r && toAccount(r);
    },

    async accountBySubject(subject: string): Promise<Account | undefined> {
      const r = await db.selectFrom('staff_accounts').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
      return r && toAccount(r);
    },

    async setRole(id: string, role: Role): Promise<void> {
      await db.updateTable('staff_accounts').set({ role }).where('id', '=', id).execute();
    },

    async accountNames(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('staff_accounts').select(['id', 'display_name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    async createSession(s: { idHash: string; accountId: string; csrfHash: string; at: string; expiresAt: string }): Promise<void> {
      await db
        .insertInto('staff_sessions')
        .values({
          id_hash: s.idHash,
          account_id: s.accountId,
          csrf_hash: s.csrfHash,
          created_at: s.at,
          last_seen_at: s.at,
          expires_at: s.expiresAt,
        })
        .execute();
    },

    async session(idHash: string): Promise<StaffSession | undefined> {
      const r = await db
        .selectFrom('staff_sessions')
        .innerJoin('staff_accounts', 'staff_accounts.id', 'staff_sessions.account_id')
        .selectAll('staff_accounts')
        .select([
          'staff_sessions.csrf_hash',
          'staff_sessions.created_at as s_created',
          'staff_sessions.last_seen_at',
          'staff_sessions.expires_at',
        ])
        .where('staff_sessions.id_hash', '=', idHash)
        .executeTakeFirst();
      if (!r) return undefined;
      return { account: toAccount(r), csrfHash: r.csrf_hash, createdAt: r.s_created, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
    },

    async touchSession(idHash: string, at: string): Promise<void> {
      await db.updateTable('staff_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },

    async endSession(idHash: string): Promise<void> {
      await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
    },

    async saveOidcFlow(f: StaffTables['oidc_flows']): Promise<void> {
      await db.insertInto('oidc_flows').values(f).execute();
    },

    /** One use only: the flow row is deleted as it is read. */
    async takeOidcFlow(stateHash: string): Promise<StaffTables['oidc_flows'] | undefined> {
      return db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('oidc_flows').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
        if (row) await tx.deleteFrom('oidc_flows').where('state_hash', '=', stateHash).execute();
        return row;
      });
    },

    async addConsent(c: StaffTables['staff_consents']): Promise<void> {
      await db.insertInto('staff_consents').values(c).execute();
    },

    async consents(sessionId: string) {
      return db.selectFrom('staff_consents').selectAll().where('session_id', '=', sessionId).orderBy('at').execute();
    },

    /** Has this staff member a recorded reason (start or consented resume) to open the session? */
    async hasAccess(sessionId: string, accountId: string): Promise<boolean> {
      const r = await db
        .selectFrom('staff_consents')
        .select('id')
        .where('session_id', '=', sessionId)
        .where('account_id', '=', accountId)
        .where('purpose', 'in', ['start', 'resume'])
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return !!r;
    },

    async addNote(n: StaffTables['staff_notes']): Promise<void> {
      await db.insertInto('staff_notes').values(n).execute();
    },

    async notes(sessionId: string) {
      return db.selectFrom('staff_notes').selectAll().where('session_id', '=', sessionId).orderBy('at').execute();
    },

    async addHandover(h: StaffTables['staff_handovers']): Promise<void> {
      await db.insertInto('staff_handovers').values(h).execute();
    },

    /** Handovers to deliver now: waiting, due for a retry, or claimed by a delivery that died. */
    async dueHandovers(now: string, limit = 20) {
      return db
        .selectFrom('staff_handovers')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('status', '=', 'klaar-voor-overdracht'),
            eb.and([eb('status', 'in', ['opnieuw-proberen', 'bezig']), eb('next_attempt_at', '<=', now)]),
          ]),
        )
        .orderBy('at')
        .limit(limit)
        .execute();
    },

    /** Moves a handover on only from the status the caller saw: two deliverers never both send. */
    async moveHandover(
      id: string,
      from: string,
      to: Partial<Pick<StaffTables['staff_handovers'], 'status' | 'attempts' | 'next_attempt_at' | 'delivered_at' | 'last_error'>>,
    ): Promise<boolean> {
      const r = await db.updateTable('staff_handovers').set(to).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async handovers(sessionId: string) {
      return db.selectFrom('staff_handovers').selectAll().where('session_id', '=', sessionId).orderBy('at').execute();
    },

    async claim(concernId: string, accountId: string, at: string): Promise<void> {
      await db.insertInto('concern_claims').values({ concern_id: concernId, account_id: accountId, at }).execute();
    },

    async claims(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('concern_claims').select(['concern_id', 'account_id']).where('concern_id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.concern_id, r.account_id]));
    },

    async concernById(id: string) {
      return db
        .selectFrom('concerns')
        .leftJoin('concern_claims', 'concern_claims.concern_id', 'concerns.id')
        .selectAll('concerns')
        .select('concern_claims.account_id as claimed_by')
        .where('concerns.id', '=', id)
        .executeTakeFirst();
    },

    /** Staff sessions past their idle or absolute end, and sign-in flows never completed. */
    async purgeExpired(now: string, idleBefore: string): Promise<number> {
      const a = await db
        .deleteFrom('staff_sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
        .executeTakeFirst();
      const b = await db.deleteFrom('oidc_flows').where('expires_at', '<=', now).executeTakeFirst();
      return Number(a.numDeletedRows) + Number(b.numDeletedRows);
    },

    /** Staff data about sessions that retention has deleted goes with them. */
    async purgeOrphans(): Promise<number> {
      const live = db.selectFrom('sessions').select('id');
      let n = 0;
      for (const t of ['staff_notes', 'staff_consents', 'staff_handovers'] as const) {
        n += Number((await db.deleteFrom(t).where('session_id', 'not in', live).executeTakeFirst()).numDeletedRows);
      }
      return n;
    },
  };
}

export type StaffRepo = ReturnType<typeof staffRepo>;
