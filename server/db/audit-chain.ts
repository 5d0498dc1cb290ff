import { createHash } from 'node:crypto';

/** What a chained audit row is hashed over: every column but its own hash. */
export interface ChainedFields {
  seq: number;
  at: string;
  account_id: string | null;
  role: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  detail: string | null;
  address: string | null;
}

/** The hash before the first row. */
export const CHAIN_START = '0'.repeat(64);

/**
 * Each row's hash covers the previous row's hash and its own fields: a row changed, removed or
 * slipped in afterwards breaks every hash from there on. Tamper-evident, not tamper-proof – whoever
 * can rewrite the whole table can rewrite the chain; the hash of the newest row, copied elsewhere
 * now and then, pins what came before.
 */
export function auditHash(prevHash: string, r: ChainedFields): string {
  const fields = [r.seq, r.at, r.account_id, r.role, r.action, r.target_kind, r.target_id, r.detail, r.address];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}
