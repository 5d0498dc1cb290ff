import type { Config } from './config.js';
import { connect } from './db/connect.js';
import { createStore } from './db/store.js';
import type { Deps } from './deps.js';
import { postgresLimits } from './http/limit-store.js';
import { cryptoIds } from './ids.js';
import { createLogger } from './logger.js';
import { pgSessionChanges } from './db/pg-session-changes.js';
import { inProcessChanges } from './sessions/session-changes.js';
import { workerVerifier } from './tree-store/bundle-verifier.js';
import { createTreeStore } from './tree-store/tree-store.js';

/**
 * Real dependencies from a config: database connected and migrated, trees loaded. Tests pass
 * overrides (a silent logger, a fixed clock); main.ts passes none.
 */
export async function createDeps(config: Config, overrides: Partial<Pick<Deps, 'clock' | 'ids' | 'logger'>> = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const db = await connect(config.databaseUrl, {
    onError: (message) => logger.error({ message }, 'Database background work (WAL checkpoint) failed; it is retried.'),
    // Crash-only: whatever was in flight had not been acknowledged, and a supervisor restarts the
    // process on the same file; a server that answers every request with 500 helps nobody.
    onLost: (message) => {
      logger.fatal({ message }, 'The database cannot be reached any more; stopping so that the server is restarted.');
      process.exit(1);
    },
  });
  const store = createStore(db);
  const trees = createTreeStore({
    dirs: config.treeDirs,
    repo: store.trees,
    logger,
    clock,
    serveDrafts: config.serveDrafts,
    verify: workerVerifier(config.verifyLimits),
  });
  const report = await trees.reload();
  logger.info({ serving: report.serving, refused: report.refused.map((r) => r.tree) }, `Serving ${report.serving.length} trees.`);
  // Several nodes share PostgreSQL, so their consoles hear of each other's answers through it.
  const changes =
    db.dialect === 'postgres'
      ? await pgSessionChanges(config.databaseUrl, db.kysely, (message) => logger.error({ message }, 'Session change notices failed.'))
      : inProcessChanges();
  // Several nodes on one PostgreSQL count rate limits together; SQLite is one node, in memory.
  const limits = db.dialect === 'postgres' ? await postgresLimits(config.databaseUrl) : undefined;
  return { store, db, trees, clock, ids: overrides.ids ?? cryptoIds, logger, config, changes, ...(limits ? { limits } : {}) };
}
