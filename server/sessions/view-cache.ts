import type { SessionView } from '../../engine/index.js';

interface Entry {
  version: number;
  bundleHash: string;
  view: SessionView;
}

/**
 * Replayed views by session id, so a busy session is not replayed on every request. An entry is
 * only used when the stored version and tree bundle match: the database stays the truth, and a
 * second server process writing the same session simply causes a miss.
 */
export function createViewCache(max = 10_000) {
  const entries = new Map<string, Entry>();
  return {
    get(id: string, version: number, bundleHash: string): SessionView | undefined {
      const e = entries.get(id);
      if (!e || e.version !== version || e.bundleHash !== bundleHash) return undefined;
      // Map keeps insertion order: re-inserting makes this the most recently used.
      entries.delete(id);
      entries.set(id, e);
      return e.view;
    },
    set(id: string, version: number, bundleHash: string, view: SessionView): void {
      entries.delete(id);
      entries.set(id, { version, bundleHash, view });
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    delete: (id: string) => entries.delete(id),
  };
}

export type ViewCache = ReturnType<typeof createViewCache>;
