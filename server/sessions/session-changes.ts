// Who is told when a session moves on: the staff console shows a web answer as it lands. A change
// carries only the session id and its new version – never an answer – so the bus (and, on
// PostgreSQL, NOTIFY) holds no personal data; a listener reads the state through its own access.

export interface SessionChange {
  id: string;
  version: number;
}

export interface SessionChanges {
  /** After a commit: everyone watching this session (on any node, where the bus reaches) hears of it. */
  publish(change: SessionChange): void;
  /** Returns the unsubscribe. */
  subscribe(id: string, listener: (change: SessionChange) => void): () => void;
  close(): Promise<void>;
}

/** Listeners per session id, on this process only; also the local half of the PostgreSQL bus. */
export function localListeners() {
  const byId = new Map<string, Set<(change: SessionChange) => void>>();
  return {
    deliver(change: SessionChange) {
      for (const listener of byId.get(change.id) ?? []) listener(change);
    },
    subscribe(id: string, listener: (change: SessionChange) => void) {
      let set = byId.get(id);
      if (!set) byId.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) byId.delete(id);
      };
    },
  };
}

/** SQLite (one node): changes reach the consoles connected to this process. */
export function inProcessChanges(): SessionChanges {
  const local = localListeners();
  return { publish: local.deliver, subscribe: local.subscribe, close: async () => undefined };
}
