// A double-clicked first question must not start two sessions. The first answer's idempotency key
// (random per rendered page) names the session it started for a few minutes, in memory: a repeat
// within that time gets the same session and replays the same stored answer. (A restart in between
// only costs an orphan session, which expires like any other.)
const KEEP_MS = 10 * 60 * 1000;
const MAX = 10_000;

export function startOnce<T>(clock: () => Date) {
  const started = new Map<string, { at: number; session: Promise<T> }>();
  return (key: string, create: () => Promise<T>): Promise<T> => {
    const now = clock().getTime();
    // Insertion order is time order: the oldest are at the front.
    for (const [k, v] of started) {
      if (now - v.at < KEEP_MS && started.size < MAX) break;
      started.delete(k);
    }
    const known = started.get(key);
    if (known) return known.session;
    const session = create();
    started.set(key, { at: now, session });
    session.catch(() => started.delete(key));
    return session;
  };
}
