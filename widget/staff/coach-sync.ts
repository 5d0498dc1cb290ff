// The coach's offline queue. Every change is written to IndexedDB first (with its idempotency key
// and the revision it was made on), then sent in order whenever there is a connection. The server
// applies a key once and answers a repeat with the first result, so a change whose response was
// lost is resent safely. A 409 (changed elsewhere) or a refusal moves the change to `conflicts`:
// shown to the coach with both versions, never dropped silently.
import { idb } from './idb.js';
import type { OfflineTree, WalkAnswer } from './offline-walk.js';
import { staffCall, StaffApiError } from './staff-api.js';

export interface Entry {
  domain: string;
  score: number | null;
  note: string;
  sessionId: string | null;
  /** The linked session's plan items (from GET plan): the walked tree advice, shown and printed. */
  advice?: { done: boolean; items: { title: string; layer: string }[] } | null;
  revision: number;
  updatedAt: string;
}

export interface Plan {
  id: string;
  label: string;
  question: string;
  updatedAt: string;
  entries: Entry[];
}

export interface Change {
  key: string;
  seq: number;
  /** "plan": the plan itself was made on this device (offline perhaps); else a change of one domain. */
  kind?: 'plan';
  label?: string;
  question?: string;
  planId: string;
  domain: string;
  score: number | null;
  note: string;
  baseRevision: number;
}

export interface Conflict extends Change {
  reason: 'changed-elsewhere' | 'refused';
  detail: string;
  current: Entry | null;
}

/** A domain's tree advice walked on this device; sent once `done`, kept with `failed` if refused. */
export interface Walk {
  key: string;
  planId: string;
  domain: string;
  tree: string;
  bundleHash: string;
  answers: WalkAnswer[];
  done: boolean;
  failed?: string;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'signed-out';

let seq = 0;

export class CoachSync extends EventTarget {
  state: SyncState = 'idle';
  private running?: Promise<void>;

  async pending(planId?: string): Promise<Change[]> {
    const all = await idb.all<Change>('queue');
    return all.filter((c) => !planId || c.planId === planId).sort((a, b) => a.seq - b.seq);
  }

  async conflicts(planId?: string): Promise<Conflict[]> {
    return (await idb.all<Conflict>('conflicts')).filter((c) => !planId || c.planId === planId).sort((a, b) => a.seq - b.seq);
  }

  /** While online: keep every domain's advice tree on this device, for the kitchen table without internet. */
  async cacheOfflineTrees(): Promise<void> {
    const r = await staffCall<{ trees: Omit<OfflineTree, 'bundle'>[]; bundles: Record<string, OfflineTree['bundle']> }>(
      'GET',
      '/api/staff/coach/offline-trees',
    );
    for (const t of r.trees) if (r.bundles[t.bundleHash]) await idb.put('trees', { ...t, bundle: r.bundles[t.bundleHash] });
  }

  offlineTree = (domain: string) => idb.get<OfflineTree>('trees', domain);
  walk = (key: string) => idb.get<Walk>('walks', key);
  async walks(planId?: string): Promise<Walk[]> {
    return (await idb.all<Walk>('walks')).filter((w) => !planId || w.planId === planId);
  }

  /** Every step of an offline walk is on disk at once; a finished walk is sent when there is a connection. */
  async saveWalk(w: Walk): Promise<void> {
    await idb.put('walks', w);
    this.changed();
    if (w.done) void this.flush();
  }

  async dropWalk(key: string): Promise<void> {
    await idb.delete('walks', key);
    this.changed();
  }

  cachedPlan = (id: string) => idb.get<Plan>('plans', id);
  cachePlan = (plan: Plan) => idb.put('plans', plan);

  /**
   * A new household plan, made on this device: its id is chosen here, so it exists at once –
   * also at a kitchen table without internet – and reaches the server first in the queue.
   */
  async createPlan(label: string, question: string): Promise<Plan> {
    const plan: Plan = { id: newKey(), label, question, updatedAt: new Date().toISOString(), entries: [] };
    await this.cachePlan(plan);
    const change: Change = {
      key: newKey(),
      seq: Date.now() * 1000 + (seq++ % 1000),
      kind: 'plan',
      label,
      question,
      planId: plan.id,
      domain: '',
      score: null,
      note: '',
      baseRevision: 0,
    };
    await idb.put('queue', change);
    this.changed();
    void this.flush();
    return plan;
  }

  /** Domain changes waiting to be sent (plan creations excluded). */
  async pendingEntries(planId: string): Promise<Change[]> {
    return (await this.pending(planId)).filter((c) => c.kind !== 'plan');
  }

  /** Queues a change made on what the coach saw; several offline changes of one domain chain their revisions. */
  async save(plan: Plan, domain: string, score: number | null, note: string, baseRevision?: number): Promise<void> {
    const queued = (await this.pendingEntries(plan.id)).filter((c) => c.domain === domain);
    const base =
      baseRevision ?? (queued.length ? queued.at(-1)!.baseRevision + 1 : (plan.entries.find((e) => e.domain === domain)?.revision ?? 0));
    const change: Change = {
      key: newKey(),
      seq: Date.now() * 1000 + (seq++ % 1000),
      planId: plan.id,
      domain,
      score,
      note,
      baseRevision: base,
    };
    await idb.put('queue', change);
    this.changed();
    void this.flush();
  }

  async keepMine(c: Conflict): Promise<void> {
    await idb.delete('conflicts', c.key);
    const plan = await this.cachedPlan(c.planId);
    if (plan) await this.save(plan, c.domain, c.score, c.note, c.current?.revision ?? 0);
  }

  async keepTheirs(c: Conflict): Promise<void> {
    await idb.delete('conflicts', c.key);
    const plan = await this.cachedPlan(c.planId);
    if (plan && c.current) await this.cachePlan(upsert(plan, c.current));
    this.changed();
  }

  /** Sends the queue in order; stops at the first change that cannot be sent now (offline, signed out). */
  flush(): Promise<void> {
    return (this.running ??= this.drain().finally(() => (this.running = undefined)));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const [next] = await this.pending();
      if (!next) break;
      const send =
        next.kind === 'plan'
          ? async () => {
              await staffCall('POST', '/api/staff/coach/plans', { id: next.planId, label: next.label, question: next.question });
              return undefined;
            }
          : () =>
              staffCall<{ entry: Entry }>('POST', `/api/staff/coach/plans/${encodeURIComponent(next.planId)}/entries`, {
                domain: next.domain,
                score: next.score,
                note: next.note,
                baseRevision: next.baseRevision,
                idempotencyKey: next.key,
              });
      if (!(await this.deliver(next, 'queue', send, (err) => this.toConflict(next, err)))) return;
    }
    for (const w of await this.walks()) {
      if (!w.done || w.failed) continue;
      const path = `/api/staff/coach/plans/${encodeURIComponent(w.planId)}/entries/${encodeURIComponent(w.domain)}/walk`;
      const send = () => staffCall<{ entry: Entry }>('POST', path, { bundleHash: w.bundleHash, walkKey: w.key, answers: w.answers });
      // Refused (the tree changed meanwhile): kept and shown, never dropped silently.
      const refused = (err: StaffApiError) => idb.put('walks', { ...w, failed: err.message });
      if (!(await this.deliver(w, 'walks', send, refused))) return;
    }
    this.set('idle');
  }

  /**
   * Sends one stored item; once the server has it, it is dropped here and the entry the server
   * answered goes into the cached plan. False when syncing must stop: offline (or the server
   * failing) or signed out. Any other refusal goes to `refused`.
   */
  private async deliver(
    item: { key: string; planId: string },
    store: 'queue' | 'walks',
    send: () => Promise<{ entry: Entry } | undefined>,
    refused: (err: StaffApiError) => Promise<unknown>,
  ): Promise<boolean> {
    this.set('syncing');
    try {
      const answer = await send();
      await idb.delete(store, item.key);
      const plan = answer && (await this.cachedPlan(item.planId));
      if (answer && plan) await this.cachePlan(upsert(plan, answer.entry));
    } catch (e) {
      const err = e instanceof StaffApiError ? e : new StaffApiError(0);
      if (err.status === 0 || err.status >= 500) {
        this.set('offline');
        return false;
      }
      if (err.status === 401 || err.status === 403) {
        this.set('signed-out');
        return false;
      }
      await refused(err);
    }
    this.changed();
    return true;
  }

  /** The change and every later queued change of the same domain (built on it) go to conflicts. */
  private async toConflict(first: Change, err: StaffApiError): Promise<void> {
    const current = (err.problem?.current as Entry | null | undefined) ?? null;
    const same = (await this.pending(first.planId)).filter((c) => c.domain === first.domain);
    for (const c of same) {
      const conflict: Conflict = { ...c, reason: err.status === 409 ? 'changed-elsewhere' : 'refused', detail: err.message, current };
      await idb.put('conflicts', conflict);
      await idb.delete('queue', c.key);
    }
  }

  private set(state: SyncState) {
    if (this.state !== state) {
      this.state = state;
      this.changed();
    }
  }

  private changed() {
    this.dispatchEvent(new Event('change'));
  }
}

function upsert(plan: Plan, entry: Entry): Plan {
  const others = plan.entries.filter((e) => e.domain !== entry.domain);
  return { ...plan, entries: [...others, entry].sort((a, b) => a.domain.localeCompare(b.domain)) };
}

function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
