import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { Store } from './db/store.js';
import type { LimitStore } from './http/limit-store.js';
import type { IdSource } from './ids.js';
import type { SessionChanges } from './sessions/session-changes.js';
import type { Logger } from './logger.js';
import type { TreeStore } from './tree-store/tree-store.js';

/** Everything the app needs from outside, injected so tests can swap any of it. */
export interface Deps {
  store: Store;
  /** The connection behind the store: the staff tables (server/staff) live beside it. */
  db: Db;
  trees: TreeStore;
  clock: () => Date;
  ids: IdSource;
  logger: Logger;
  config: Config;
  /** Told after every committed session step: the staff console's live updates listen here. */
  changes: SessionChanges;
  /** Rate limits shared by every node (PostgreSQL); absent: each process counts its own, in memory. */
  limits?: LimitStore;
}
