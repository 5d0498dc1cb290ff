// The resident's session as the widget sees it. Every change goes through `run`, which keeps a
// failed action (with its idempotency key) so "Opnieuw proberen" resends exactly the same request:
// the server then either applies it once or recognises it, and nothing the resident did is lost.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnsweredStep, ConcernReceipt, ConcernRequest, CreatedSession, SessionState } from '../server/api/contract.js';
import { ApiClient, ApiError, newKey, type FailureKind, type SessionHandle } from './api-client.js';
import { clearHandle, loadHandle, saveHandle } from './session-storage.js';

const STALE = Symbol('stale');

export type Action =
  | { kind: 'open' }
  | { kind: 'answer'; node: string; value: unknown; version: number; idempotencyKey: string }
  | { kind: 'back'; version: number; idempotencyKey: string }
  | { kind: 'edit'; node: string }
  | { kind: 'locale'; locale: string }
  | { kind: 'resume'; code: string }
  | { kind: 'resume-code' }
  | { kind: 'concern'; body: ConcernRequest };

export type Notice = 'conflict' | 'gone' | 'resumed';

export interface Failure {
  kind: FailureKind;
  /** The engine's refusal code on 422, e.g. "out-of-range". */
  code?: string;
  detail?: string;
  /** JSON pointers of the fields the server refused (its 422 problem's `errors`). */
  fields?: string[];
  action: Action['kind'];
}

export interface SessionOptions {
  api: string;
  tree: string;
  locale: string;
  channel?: 'web';
}

export class SessionController implements ReactiveController {
  session?: SessionState;
  handle?: SessionHandle;
  resumeCode?: string;
  resumeExpiresAt?: string;
  receipt?: ConcernReceipt;
  /** What the receipt is for: the confirmation says whether anyone will call back. */
  reported?: ConcernRequest;
  pending?: Action;
  failure?: Failure;
  notice?: Notice;
  busy = false;
  /** Answers given before going back (or changing an earlier answer): offered again as defaults. */
  readonly remembered = new Map<string, unknown>();
  /**
   * The language of a session this tab picked up (after a reload, or by code): the resident chose it
   * earlier, so the host switches to it once instead of showing its questions in another language.
   */
  adoptedLocale?: string;
  /** "Wijzig": the answered step being changed (answering it revises; later answers that still fit stay). */
  editing?: AnsweredStep;
  private api: ApiClient;
  /** Bumped when tree/api change: answers to requests of an earlier generation are dropped. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private opts: SessionOptions,
  ) {
    host.addController(this);
    this.api = new ApiClient(opts.api);
  }

  hostConnected(): void {}

  configure(opts: SessionOptions): void {
    this.opts = opts;
    this.api = new ApiClient(opts.api);
  }

  /** Continue this tab's session after a reload, or start a new one. */
  open(): Promise<void> {
    return this.run({ kind: 'open' });
  }

  answer(node: string, value: unknown): Promise<void> {
    if (!this.session || this.busy) return Promise.resolve();
    return this.run({ kind: 'answer', node, value, version: this.session.version, idempotencyKey: newKey() });
  }

  back(): Promise<void> {
    if (!this.session || this.busy) return Promise.resolve();
    this.rememberTrail();
    return this.run({ kind: 'back', version: this.session.version, idempotencyKey: newKey() });
  }

  /**
   * Changes an earlier answer: shows that question again with the answer given. Answering it is one
   * request; the server keeps the later answers whose questions still come up and prunes the rest,
   * so the resident does not re-confirm everything after it.
   */
  change(node: string): Promise<void> {
    if (!this.session || this.busy || !this.session.trail.some((e) => e.node === node)) return Promise.resolve();
    return this.run({ kind: 'edit', node });
  }

  cancelChange(): void {
    this.editing = undefined;
    this.host.requestUpdate();
  }

  setLocale(locale: string): Promise<void> {
    this.opts = { ...this.opts, locale };
    if (!this.handle || this.session?.locale === locale) return Promise.resolve();
    return this.run({ kind: 'locale', locale });
  }

  /** Makes sure a resume code is at hand for "Bewaar en ga later verder" (after a reload there is none). */
  ensureResumeCode(): Promise<void> {
    if (this.resumeCode || !this.handle) return Promise.resolve();
    return this.run({ kind: 'resume-code' });
  }

  resume(code: string): Promise<void> {
    return this.run({ kind: 'resume', code });
  }

  reportConcern(body: Omit<ConcernRequest, 'idempotencyKey' | 'sessionId'>): Promise<void> {
    return this.run({
      kind: 'concern',
      body: { ...body, ...(this.session ? { sessionId: this.session.id } : {}), idempotencyKey: newKey() },
    });
  }

  /** Resends the failed action unchanged: same body, same idempotency key. */
  retry(): Promise<void> {
    return this.pending ? this.run(this.pending) : Promise.resolve();
  }

  /** For a changed `tree`/`api`: drop what belonged to the old one, keep nothing half-done. */
  restartOrOpen(fresh: boolean): Promise<void> {
    this.generation++;
    this.pending = undefined;
    this.failure = undefined;
    if (!fresh) return this.open();
    this.handle = undefined;
    this.session = undefined;
    this.remembered.clear();
    return this.open();
  }

  async restart(): Promise<void> {
    clearHandle(this.opts.api, this.opts.tree);
    this.handle = undefined;
    this.session = undefined;
    this.remembered.clear();
    this.receipt = undefined;
    await this.run({ kind: 'open' });
  }

  /** After "Alles verwijderen": nothing of the erased session stays in this tab. */
  forget(): void {
    clearHandle(this.opts.api, this.opts.tree);
    this.handle = undefined;
    this.session = undefined;
    this.resumeCode = undefined;
    this.resumeExpiresAt = undefined;
    this.receipt = undefined;
    this.remembered.clear();
    this.host.requestUpdate();
  }

  dismissNotice(): void {
    this.notice = undefined;
    this.host.requestUpdate();
  }

  private rememberTrail(): void {
    for (const e of this.session?.trail ?? []) this.remembered.set(e.node, e.value);
  }

  private async run(action: Action): Promise<void> {
    this.busy = true;
    this.failure = undefined;
    if (action.kind !== 'open') this.notice = undefined;
    this.host.requestUpdate();
    const gen = this.generation;
    try {
      await this.perform(action, gen);
      this.pending = undefined;
    } catch (e) {
      if (e === STALE || gen !== this.generation) return;
      await this.fail(action, e instanceof ApiError ? e : new ApiError('server', 0));
    } finally {
      if (gen === this.generation) this.busy = false;
      this.host.requestUpdate();
    }
  }

  private async perform(action: Action, gen = this.generation): Promise<void> {
    const h = this.handle;
    // Every await below is followed by fresh(): a late answer for an old tree must not land.
    const fresh = <T>(x: T): T => {
      if (gen !== this.generation) throw STALE;
      return x;
    };
    switch (action.kind) {
      case 'open': {
        const stored = loadHandle(this.opts.api, this.opts.tree);
        if (stored) {
          try {
            this.handle = stored;
            // In the session's own language: the resident may have switched before the reload.
            this.session = fresh(await this.api.getSession(stored));
            this.adoptLocale();
            return;
          } catch (e) {
            // A stale handle (expired, purged, other server) is not the resident's problem.
            if (e === STALE || !(e instanceof ApiError && e.kind === 'gone')) throw e;
            clearHandle(this.opts.api, this.opts.tree);
          }
        }
        this.adopt(
          fresh(await this.api.createSession({ tree: this.opts.tree, channel: this.opts.channel ?? 'web', locale: this.opts.locale })),
        );
        return;
      }
      case 'answer':
        this.session = fresh(
          await this.api.answer(
            h!,
            { node: action.node, value: action.value, version: action.version, idempotencyKey: action.idempotencyKey },
            this.opts.locale,
          ),
        );
        if (this.editing?.step.id === action.node) this.editing = undefined;
        return;
      case 'edit':
        this.editing = fresh(await this.api.answeredStep(h!, action.node, this.opts.locale));
        return;
      case 'back':
        this.session = fresh(await this.api.back(h!, { version: action.version, idempotencyKey: action.idempotencyKey }, this.opts.locale));
        return;
      case 'locale':
        this.session = fresh(await this.api.setLocale(h!, action.locale));
        return;
      case 'resume': {
        this.adopt(fresh(await this.api.resume(action.code)));
        this.adoptLocale();
        this.remembered.clear();
        this.notice = 'resumed';
        return;
      }
      case 'resume-code': {
        const issued = fresh(await this.api.newResumeCode(h!));
        this.resumeCode = issued.resumeCode;
        this.resumeExpiresAt = issued.resumeExpiresAt;
        return;
      }
      case 'concern':
        this.receipt = fresh(await this.api.reportConcern(action.body, h));
        this.reported = action.body;
        return;
    }
  }

  private adoptLocale(): void {
    const locale = this.session?.locale;
    if (locale && locale !== this.opts.locale) {
      this.opts = { ...this.opts, locale };
      this.adoptedLocale = locale;
    }
  }

  private adopt(created: CreatedSession): void {
    this.handle = { id: created.id, token: created.token };
    this.session = created.state;
    if (created.resumeCode) this.resumeCode = created.resumeCode;
    if (created.resumeExpiresAt) this.resumeExpiresAt = created.resumeExpiresAt;
    saveHandle(this.opts.api, this.opts.tree, this.handle);
  }

  private async fail(action: Action, e: ApiError): Promise<void> {
    switch (e.kind) {
      case 'network':
      case 'server':
        this.pending = action;
        this.failure = { kind: e.kind, action: action.kind };
        return;
      case 'conflict':
        // Someone else (a phone or loket agent, another tab) changed the session: show theirs, say so.
        this.pending = undefined;
        this.notice = 'conflict';
        if (e.problem?.state) this.session = e.problem.state;
        else if (this.handle) this.session = await this.api.getSession(this.handle, this.opts.locale).catch(() => this.session);
        return;
      case 'gone':
        this.pending = undefined;
        if (action.kind === 'open') {
          // The tree itself is unknown here (wrong `tree` attribute or server): retrying may help.
          this.pending = action;
          this.failure = { kind: 'server', action: 'open' };
          return;
        }
        if (action.kind === 'resume' || action.kind === 'concern') {
          this.failure = { kind: 'invalid', action: action.kind, ...(e.problem ? { code: e.problem.code, detail: e.problem.detail } : {}) };
          return;
        }
        this.notice = 'gone';
        clearHandle(this.opts.api, this.opts.tree);
        this.handle = undefined;
        this.session = undefined;
        await this.perform({ kind: 'open' }).catch((err) =>
          this.fail({ kind: 'open' }, err instanceof ApiError ? err : new ApiError('server', 0)),
        );
        return;
      case 'invalid': {
        this.pending = undefined;
        const fields = e.problem?.errors?.flatMap((f) => (f.pointer !== undefined ? [f.pointer] : []));
        this.failure = {
          kind: 'invalid',
          action: action.kind,
          ...(e.problem ? { code: e.problem.code, detail: e.problem.detail } : {}),
          ...(fields?.length ? { fields } : {}),
        };
        return;
      }
    }
  }
}
