// The coach's offline queue. Every change is written to IndexedDB first (with its idempotency key
// and the revision it was made on), then sent in order whenever there is a connection. The server
// applies a key once and answers a repeat with the first result, so a change whose response was
// lost is resent safely. A 409 (changed elsewhere) or a refusal moves the change to `conflicts`:
// shown to the coach with both versions, never dropped silently.
import type { ProblemDetails } from '../../server/api/contract.js';
import type { MeldingFields, MeldingPreview, MeldingReceipt } from '../../server/api/melding-contract.js';
import { idb, walkUnsent } from './idb.js';
import type { OfflineTree, WalkAnswer } from './offline-walk.js';
import { staffCall, StaffApiError } from './staff-api.js';

export interface Entry {
  domain: string;
  score: number | null;
  note: string;
  sessionId: string | null;
  /** The linked session's plan items (from GET plan): the walked tree advice, shown and printed. */
  advice?: { done: boolean; items: { title: string; layer: string }[] } | null;
  /** Its Wmo melding: made (the reference), or offered – with the check-answers page, kept for offline use. */
  melding?: { made: { reference: string } | null; preview: MeldingPreview | null } | null;
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
  /** Every answer after the life-domain choice, those the server has (`continues.answered`) first. */
  answers: WalkAnswer[];
  done: boolean;
  /**
   * Started online and continued here when the connection dropped: the session and the version
   * this device last saw, and how many of `answers` the server already had then. Its new answers
   * are sent as soon as there is a connection – finished or not – into that same session.
   */
  continues?: { sessionId: string; version: number; answered: number };
  /** Why the server refused it, in Dutch for the coach; nothing of it was stored. */
  failed?: string;
}

/** A sent walk: which session now holds it (the coach app continues there, online). */
export interface WalkSent {
  walk: Walk;
  session: { id: string; token: string };
}

/** A Wmo melding made at the kitchen table, kept here until the server has it (under its own key). */
export interface QueuedMelding {
  /** The melding's idempotency key, chosen on this device. */
  key: string;
  planId: string;
  domain: string;
  fields: MeldingFields;
  /** Why the server refused it, in Dutch for the coach; the melding was not made. */
  failed?: string;
  /** The server's problem details of that refusal: the form shows the field at fault. */
  problem?: ProblemDetails;
}

export interface MeldingSent {
  melding: QueuedMelding;
  receipt: MeldingReceipt;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'signed-out';

let seq = 0;

export class CoachSync extends EventTarget {
  state: SyncState = 'idle';
  private running?: Promise<void>;
  private rerun?: Promise<void>;

  async pending(planId?: string): Promise<Change[]> {
    const all = await idb.all<Change>('queue');
    return all.filter((c) => !planId || c.planId === planId).sort((a, b) => a.seq - b.seq);
  }

  async conflicts(planId?: string): Promise<Conflict[]> {
    return (await idb.all<Conflict>('conflicts')).filter((c) => !planId || c.planId === planId).sort((a, b) => a.seq - b.seq);
  }

  /** While online: keep every domain's advice tree on this device, for the kitchen table without internet. */
  async cacheOfflineTrees(): Promise<void> {
    const r = await staffCall<{
      trees: Omit<OfflineTree, 'bundle'>[];
      bundles: Record<string, OfflineTree['bundle']>;
      melding?: Record<string, OfflineTree['melding']>;
    }>('GET', '/api/staff/coach/offline-trees');
    for (const t of r.trees) {
      const melding = r.melding?.[t.tree.split('/')[0]!] ?? null;
      if (r.bundles[t.bundleHash]) await idb.put('trees', { ...t, bundle: r.bundles[t.bundleHash], melding });
    }
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

  meldingen = async (planId?: string) => (await idb.all<QueuedMelding>('meldingen')).filter((m) => !planId || m.planId === planId);

  /** The melding is on this device's disk before the coach is told so; then sent when there is a connection. */
  async queueMelding(m: QueuedMelding): Promise<void> {
    await idb.put('meldingen', m);
    this.changed();
    await this.flush();
  }

  dropMelding = async (key: string) => (await idb.delete('meldingen', key), this.changed());

  /** Changes, walks and meldingen the server has not got yet. */
  async unsent(): Promise<number> {
    return (
      (await this.pending()).length +
      (await this.walks()).filter(walkUnsent).length +
      (await this.meldingen()).filter((m) => !m.failed).length
    );
  }

  /** Sends the queue in order; stops at the first change that cannot be sent now (offline, signed out). */
  flush(): Promise<void> {
    // Asked again while a round runs: one more round after it, for what was stored meanwhile.
    if (this.running) return (this.rerun ??= this.running.then(() => ((this.rerun = undefined), this.flush())));
    return (this.running = this.drain().finally(() => (this.running = undefined)));
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
    for (;;) {
      const w = (await this.walks()).find(walkUnsent);
      if (!w) break;
      if (!(await this.deliverWalk(w))) return;
    }
    // A melding goes after its domain's walk: the server makes it on the session that walk fills.
    for (;;) {
      const walks = await this.walks();
      const waiting = (m: QueuedMelding) => walks.some((w) => w.planId === m.planId && w.domain === m.domain);
      const m = (await this.meldingen()).find((x) => !x.failed && !waiting(x));
      if (!m) break;
      if (!(await this.deliverMelding(m))) return;
    }
    this.set('idle');
  }

  private async deliverMelding(m: QueuedMelding): Promise<boolean> {
    const path = `/api/staff/coach/plans/${encodeURIComponent(m.planId)}/entries/${encodeURIComponent(m.domain)}/melding`;
    let receipt: MeldingReceipt | undefined;
    const send = async () => {
      receipt = await staffCall<MeldingReceipt>('POST', path, m.fields);
      const plan = await this.cachedPlan(m.planId);
      const entry = plan?.entries.find((e) => e.domain === m.domain);
      if (plan && entry)
        await this.cachePlan(upsert(plan, { ...entry, melding: { made: { reference: receipt.reference }, preview: null } }));
      return undefined;
    };
    const refused = (err: StaffApiError) => idb.put('meldingen', { ...m, failed: meldingRefusal(err), problem: err.problem });
    if (!(await this.deliver(m, 'meldingen', send, refused))) return false;
    if (receipt) this.dispatchEvent(new CustomEvent<MeldingSent>('melding-sent', { detail: { melding: m, receipt } }));
    return true;
  }

  /**
   * Sends one walk. Answers given while it was on its way stay on the device and go next round:
   * the server repeats what it already has (same keys), so only the newer answers are applied.
   */
  private async deliverWalk(w: Walk): Promise<boolean> {
    const path = `/api/staff/coach/plans/${encodeURIComponent(w.planId)}/entries/${encodeURIComponent(w.domain)}/walk`;
    const c = w.continues;
    const body = {
      bundleHash: w.bundleHash,
      walkKey: w.key,
      answers: c ? w.answers.slice(c.answered) : w.answers,
      ...(c ? { continues: { sessionId: c.sessionId, version: c.version } } : {}),
    };
    let sent: { session: WalkSent['session']; entry: Entry } | undefined;
    const send = async () => (sent = await staffCall<{ session: WalkSent['session']; entry: Entry }>('POST', path, body));
    // Refused (the tree or the session changed meanwhile): kept and shown, never dropped silently.
    const refused = (err: StaffApiError) => idb.put('walks', { ...w, failed: walkRefusal(err) });
    const unchanged = async () => (await this.walk(w.key))?.answers.length === w.answers.length;
    if (!(await this.deliver(w, 'walks', send, refused, unchanged))) return false;
    if (sent && !(await this.walk(w.key)))
      this.dispatchEvent(new CustomEvent<WalkSent>('walk-sent', { detail: { walk: w, session: sent.session } }));
    return true;
  }

  /**
   * Sends one stored item; once the server has it, it is dropped here and the entry the server
   * answered goes into the cached plan. False when syncing must stop: offline (or the server
   * failing) or signed out. Any other refusal goes to `refused`.
   */
  private async deliver(
    item: { key: string; planId: string },
    store: 'queue' | 'walks' | 'meldingen',
    send: () => Promise<{ entry: Entry } | undefined>,
    refused: (err: StaffApiError) => Promise<unknown>,
    unchanged: () => Promise<boolean> = async () => true,
  ): Promise<boolean> {
    this.set('syncing');
    try {
      const answer = await send();
      if (await unchanged()) await idb.delete(store, item.key);
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

/** The coach reads why a walk was not taken, and what to do, in Dutch. */
const WALK_REFUSALS: Record<string, string> = {
  'session-changed':
    'Het advies-gesprek is intussen op de server veranderd, door de inwoner of een collega. Er is niets van dit apparaat overgenomen. Open het gesprek opnieuw en geef de antwoorden hieronder nog een keer.',
  'tree-changed':
    'De beslisboom is intussen veranderd. Er is niets van dit apparaat overgenomen. Doe het advies opnieuw; scores en aantekeningen blijven bewaard.',
  'walk-refused':
    'Een antwoord past niet meer bij de beslisboom op de server. Er is niets van dit apparaat overgenomen. Doe het advies opnieuw.',
};

function meldingRefusal(err: StaffApiError): string {
  if (err.problem?.code === 'melding-already-made')
    return 'Voor dit advies is al een Wmo-melding gedaan (bijvoorbeeld telefonisch of aan het loket). Deze melding is daarom niet nog eens verstuurd.';
  return `De melding is niet aangenomen (${err.problem?.code ?? `fout ${err.status}`}). Controleer de gegevens met de inwoner en doe de melding opnieuw.`;
}

function walkRefusal(err: StaffApiError): string {
  return WALK_REFUSALS[err.problem?.code ?? ''] ?? `Niet overgenomen: ${err.message}`;
}

function upsert(plan: Plan, entry: Entry): Plan {
  const others = plan.entries.filter((e) => e.domain !== entry.domain);
  return { ...plan, entries: [...others, entry].sort((a, b) => a.domain.localeCompare(b.domain)) };
}

function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
