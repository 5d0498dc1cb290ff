import type { AnyMachineSnapshot } from 'xstate';
import type { FlatNode } from '../compile/flat-graph.js';
import type { PlanEntry } from '../compile/machine.js';

export type Channel = 'web' | 'telefoon' | 'loket' | 'wijkcoach';
export const CHANNELS: readonly Channel[] = ['web', 'telefoon', 'loket', 'wijkcoach'];

/** One resident step as it is stored: which node, what was answered, when, through which door. */
export interface LogEntry {
  node: string;
  value: unknown;
  at: string;
  channel: Channel;
}

/** The durable record of a session: everything else is derived by replay. */
export interface SessionRecord {
  treeId: string;
  treeVersion: string;
  log: LogEntry[];
}

/** The current state of a session, derived from its record. */
export interface SessionView {
  record: SessionRecord;
  snapshot: AnyMachineSnapshot;
  /** The node the resident is at: a question, an info screen, or the end. */
  node: FlatNode;
  answers: Record<string, unknown>;
  plan: PlanEntry[];
  done: boolean;
  /** Steps taken; present() adds about how many are still ahead (computed only when shown). */
  progress: { done: number };
}

export type EngineErrorCode =
  | 'not-current-node'
  | 'session-finished'
  | 'wrong-type'
  | 'unknown-option'
  | 'too-few'
  | 'too-many'
  | 'out-of-range'
  | 'not-integer'
  | 'too-long'
  | 'required'
  | 'invalid-date'
  | 'invalid-text'
  | 'nothing-to-undo'
  | 'not-answered'
  | 'tree-mismatch'
  | 'log-mismatch';

/** A refused step. The session is unchanged; `message` says what to do instead. */
export interface EngineError {
  code: EngineErrorCode;
  message: string;
  node?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineError };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: EngineErrorCode, message: string, node?: string): Result<T> => ({
  ok: false,
  error: { code, message, ...(node ? { node } : {}) },
});
