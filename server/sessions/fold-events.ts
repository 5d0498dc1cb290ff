import type { LogEntry } from '../../engine/index.js';
import type { SessionEvent } from '../db/session-repo.js';

/**
 * The stored events → the engine's answer log. "Back" is an event of its own rather than a delete:
 * the log stays append-only (an acknowledged answer is never removed, so the audit and the crash
 * test can see it) and the version is simply the number of events.
 */
export function foldEvents(events: readonly SessionEvent[]): LogEntry[] {
  const log: LogEntry[] = [];
  for (const e of events) {
    if (e.kind === 'back') log.pop();
    else log.push({ node: e.node!, value: e.value, at: e.at, channel: e.channel });
  }
  return log;
}
