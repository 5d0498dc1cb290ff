import type { SharedLockout } from '../http/limit-store.js';
import { ApiError } from '../http/problem.js';

export interface LockoutRule {
  /** Failed sign-ins on one name within `windowMs` that lock it… */
  failures: number;
  windowMs: number;
  /** …for this long, whatever the password and from whichever address. */
  lockMs: number;
}

/**
 * Failed sign-ins counted per account name, from every address together: the per-address limit
 * alone let 20 addresses guess 200 times at one account. Unknown names are counted the same way,
 * so a lock does not reveal which names exist. In memory, per process – or, with `shared` (several
 * nodes on PostgreSQL, http/limit-store.ts), counted by every node together. A lock ends by itself
 * after `lockMs`.
 */
export function accountLockout(rule: LockoutRule, clock: () => Date, shared?: SharedLockout) {
  const names = new Map<string, { since: number; failures: number; lockedUntil: number }>();
  const keyOf = (name: string) => name.trim().toLowerCase();

  const locked = (ms: number) => {
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return new ApiError(
      429,
      'account-locked',
      `Voor deze naam is te vaak een verkeerd wachtwoord gegeven. Daarom kunt u nu niet inloggen. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw. Bent u uw wachtwoord kwijt? Vraag de beheerder om hulp.`,
      { headers: { 'retry-after': String(Math.ceil(ms / 1000)) } },
    );
  };

  return {
    /** Throws the 429 while the name is locked; no password is checked meanwhile. */
    async check(name: string): Promise<void> {
      if (shared) {
        const ms = await shared.lockedFor(keyOf(name));
        if (ms !== undefined) throw locked(ms);
        return;
      }
      const entry = names.get(keyOf(name));
      const now = clock().getTime();
      if (!entry || entry.lockedUntil <= now) return;
      throw locked(entry.lockedUntil - now);
    },

    /** A wrong password or unknown name; true when this failure locked the name. */
    async failed(name: string): Promise<boolean> {
      const key = keyOf(name);
      if (shared) return shared.failed(key);
      const now = clock().getTime();
      let entry = names.get(key);
      if (!entry || now - entry.since >= rule.windowMs) {
        if (names.size > 50_000) sweep(now);
        entry = { since: now, failures: 0, lockedUntil: 0 };
        names.set(key, entry);
      }
      entry.failures++;
      if (entry.failures < rule.failures) return false;
      entry.lockedUntil = now + rule.lockMs;
      // The next failure after the lock counts afresh.
      entry.since = entry.lockedUntil;
      entry.failures = 0;
      return true;
    },

    async succeeded(name: string): Promise<void> {
      if (shared) return shared.cleared(keyOf(name));
      names.delete(keyOf(name));
    },
  };

  function sweep(now: number) {
    for (const [k, e] of names) if (now - e.since >= rule.windowMs && e.lockedUntil <= now) names.delete(k);
  }
}
