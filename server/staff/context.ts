import type { Db } from '../db/connect.js';
import type { Account, Role, StaffDb, StaffRepo } from '../db/staff-repo.js';
import type { AuditEntry, AuditRepo } from '../db/audit-repo.js';
import type { Deps } from '../deps.js';
import type { StaffConfig } from './config.js';

/** The app's deps plus the database handle: the staff tables are not part of the resident store. */
export type StaffDeps = Deps & { db: Db };

/** The signed-in staff member of a request. */
export interface Principal {
  account: Account;
  /** Hash of the staff session cookie: the row to end on logout. */
  sessionHash: string;
  csrfHash: string;
}

/** `kit`: set with `staff` by authenticate, so that later checks (requireRole) can audit a refusal. */
export type StaffEnv = { Variables: { staff: Principal; kit: StaffKit } };

export interface StaffKit {
  deps: StaffDeps;
  config: StaffConfig;
  db: StaffDb;
  repo: StaffRepo;
  audit: AuditRepo;
  /** Writes one audit row for the signed-in member; never throws past a failed write silently. */
  /** Deletes ended staff sessions, stale sign-in flows and notes/consents of purged sessions. */
  purge(): Promise<number>;
  /** The warm-handover outbox: `deliverDue()` sends what is waiting (also on a timer in main.ts). */
  handovers: { deliverDue(): Promise<{ delivered: number; retrying: number; failed: number }> };
  record(
    p: Principal | null,
    action: string,
    targetKind: AuditEntry['targetKind'],
    targetId: string | null,
    detail?: Record<string, unknown>,
  ): Promise<void>;
}

export const CONSOLE_ROLES: Role[] = ['medewerker', 'wijkcoach', 'beheerder'];
export const INBOX_ROLES: Role[] = ['behandelaar', 'beheerder'];
export const COACH_ROLES: Role[] = ['wijkcoach', 'beheerder'];
