// The messages between the event loop and the database worker threads. The workers are plain
// JavaScript (worker threads get no TypeScript loader) and checked by tsc through JSDoc that
// imports these types, so both sides of every message are checked against one definition.
import type { MessagePort } from 'node:worker_threads';

/** A WAL sync module (wal-sync.mjs, or a test's stand-in): the writer thread imports it by URL. */
export interface WalSyncModule {
  walSync(databasePath: string): WalSync;
}

export interface WalSync {
  /** Makes every commit written to the WAL so far durable; once it has failed, it always fails. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

// ---- Writer thread (writer-thread.ts ⇄ writer-worker.mjs)

export interface WriterData {
  path: string;
  sync: boolean;
  maxBatch: number;
  /** URL of a WalSyncModule. */
  walSync: string;
  catchUpLimitMs: number;
  checkpointer?: MessagePort;
}

export interface PlanStatement {
  sql: string;
  parameters: readonly unknown[];
  guard?: 'one-row';
}

/** Requests go over in arrays: all that the event loop made in one turn. */
export type WriterRequest =
  | { type: 'plan'; id: number; statements: PlanStatement[] }
  | { type: 'durable'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'close'; id: number }
  | { type: 'query'; id: number; conn: number; sql: string; parameters: readonly unknown[] }
  | { type: 'rollback'; id: number; conn: number }
  | { type: 'autocheckpoint'; pages: number };

/** The code survives the trip: callers tell a lost race (a unique violation) by it. */
export interface WriterReply {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

export type WriterNotice =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'slow-catch-up'; limitMs: number }
  /** The WAL could not be synced: the thread stops (crash-only), and says why first. */
  | { type: 'sync-failed'; message: string };

/** What the thread posts: a batch of replies, or a notice. */
export type WriterMessage = WriterReply[] | WriterNotice;

// ---- Checkpoint worker (checkpointer.ts ⇄ checkpoint-worker.mjs), and its channel to the writer

export interface CheckpointerData {
  path: string;
  intervalMs: number;
  restartFrames: number;
  writer?: MessagePort;
}

export type CheckpointerRequest = 'checkpoint' | 'stop';

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** `requested`: asked for by the server (checkpointer.ts), which waits for this very pass. */
export type CheckpointerMessage =
  ({ type: 'checkpoint'; requested: boolean } & CheckpointResult) | { type: 'error'; requested: boolean; message: string };

/** checkpoint-worker → writer: 'restart-due', 'caught-up'; writer → checkpoint-worker: 'catch-up'. */
export type RestartSignal = 'restart-due' | 'caught-up' | 'catch-up';
