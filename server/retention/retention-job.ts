import type { PurgeResult } from '../db/retention-repo.js';
import { underLease } from '../db/job-lease.js';
import type { Deps } from '../deps.js';

const DAY = 86_400_000;

/**
 * One purge: expired sessions (with their answers, tokens and codes), long-closed concern reports,
 * reports nobody closed within their period, and coach plans nobody changed within theirs.
 */
export async function runRetention({
  store,
  clock,
  config,
  logger,
}: Pick<Deps, 'store' | 'clock' | 'config' | 'logger'>): Promise<PurgeResult> {
  const now = clock();
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const result = await store.retention.purge({
    now: now.toISOString(),
    closedConcerns: ago(config.closedConcernRetentionMs),
    receipts: ago(DAY),
    openConcerns: ago(config.openConcernRetentionMs),
    coachPlans: ago(config.coachPlanRetentionMs),
    audit: ago(config.auditRetentionMs),
  });
  if (Object.values(result).some((n) => n > 0)) logger.info(result, 'Retention purge done.');
  return result;
}

/**
 * Runs the purge now and then every `retentionIntervalMs`; never keeps the process alive. `also`
 * purges what other parts keep about the same sessions (staff notes, consents, staff sessions).
 */
export function startRetention(
  deps: Pick<Deps, 'store' | 'clock' | 'config' | 'logger'> & { db?: Pick<Deps['db'], 'dialect' | 'kysely'> },
  also: () => Promise<unknown> = async () => {},
): () => void {
  // Several nodes on one PostgreSQL: one purges at a time (a purge that finds the work done is harmless).
  const purge = () => runRetention(deps).then(also);
  const run = () =>
    (deps.db ? underLease(deps.db, 'retention', purge) : purge()).catch((err: Error) =>
      deps.logger.error({ message: err.message }, 'Retention purge failed; will retry.'),
    );
  void run();
  const timer = setInterval(run, deps.config.retentionIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
