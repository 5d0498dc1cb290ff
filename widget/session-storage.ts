// Only the session id and token survive a reload, and only for this tab: never answers, never the
// resume code (that would outlive the tab's privacy expectations on a shared computer).
import type { SessionHandle } from './api-client.js';

const key = (api: string, tree: string) => `vraagwijzer:${api}:${tree}`;

export function loadHandle(api: string, tree: string): SessionHandle | null {
  try {
    const raw = sessionStorage.getItem(key(api, tree));
    if (!raw) return null;
    const h = JSON.parse(raw) as Partial<SessionHandle>;
    return typeof h.id === 'string' && typeof h.token === 'string' ? { id: h.id, token: h.token } : null;
  } catch {
    return null; // storage disabled (privacy mode) or corrupt: start fresh
  }
}

export function saveHandle(api: string, tree: string, h: SessionHandle): void {
  try {
    sessionStorage.setItem(key(api, tree), JSON.stringify({ id: h.id, token: h.token }));
  } catch {
    /* storage unavailable: the session simply won't survive a reload */
  }
}

export function clearHandle(api: string, tree: string): void {
  try {
    sessionStorage.removeItem(key(api, tree));
  } catch {
    /* nothing to clear */
  }
}

/** "Snel weg": no session of this tab is picked up again by reopening the page. */
export function forgetAllHandles(): void {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith('vraagwijzer:')) sessionStorage.removeItem(k);
  } catch {
    /* nothing to clear */
  }
}
