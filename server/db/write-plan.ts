import type { CompiledQuery, Kysely } from 'kysely';
import { isUniqueViolation } from './unique-violation.js';
import type { Database } from './schema.js';

/**
 * A write given as data: compiled statements that commit together or not at all. The hot path
 * (a session's creation, each answer) writes this way, so the statements can be shipped to the
 * SQLite writer thread (writer-worker.mjs) and batched there without a round trip per statement.
 */
export interface WritePlan {
  statements: PlannedStatement[];
}

export interface PlannedStatement {
  query: CompiledQuery;
  /** 'one-row': unless exactly one row changed, the plan is a conflict (a version moved on). */
  guard?: 'one-row';
}

/** 'conflict': a guard failed or a unique key was already taken – another write got there first. */
export type PlanResult = 'ok' | 'conflict';

class GuardFailed extends Error {}

/** Runs a plan inside a transaction (or savepoint) the caller opened; a failed guard throws. */
export async function executePlan(tx: Kysely<Database>, plan: WritePlan): Promise<'ok'> {
  for (const { query, guard } of plan.statements) {
    const result = await tx.executeQuery(query);
    if (guard === 'one-row' && Number(result.numAffectedRows) !== 1) throw new GuardFailed();
  }
  return 'ok';
}

/** The result of a plan run as a unit: a thrown guard or a taken key is a conflict, nothing written. */
export async function planOutcome(run: Promise<'ok'>): Promise<PlanResult> {
  try {
    return await run;
  } catch (err) {
    if (err instanceof GuardFailed) return 'conflict';
    return conflictIfLostRace(err);
  }
}

/** A plan that failed on a unique key lost a race (the same idempotency key, say); anything else is an error. */
export function conflictIfLostRace(err: unknown): 'conflict' {
  if (isUniqueViolation(err)) return 'conflict';
  throw err;
}
