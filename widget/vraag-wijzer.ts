// <vraag-wijzer api tree lang>: the resident widget. One screen at a time, focus on its heading,
// every step and error announced, and a way out to a human (the municipality's contact centre and
// the help bar's numbers) everywhere.
import { css, html, nothing, type PropertyValues } from 'lit';
import { ApiClient } from './api-client.js';
import { GemeenteProvider } from './gemeente-context.js';
import { markdown, plainText } from './markdown.js';
import { t, uiLang } from './messages.js';
import { SessionController } from './session-controller.js';
import { VwElement } from './vw-element.js';
import type { ConcernDraft } from './vw-concern-form.js';
import type { PresentedStep } from '../server/api/contract.js';
import './vw-advice-plan.js';
import './vw-answers.js';
import './vw-concern-form.js';
import './vw-concern-status.js';
import './vw-help-bar.js';
import './vw-quick-exit.js';
import './vw-resume-code.js';
import './vw-resume-form.js';
import './vw-service-card.js';
import './vw-step.js';
import { firstPaintAnswer } from './first-paint-answer.js';
import { concernPrefill } from './concern-prefill.js';
import { steadyProgress, type Shown } from './steady-progress.js';

type Panel = 'overview' | 'save' | 'resume' | 'concern' | 'receipt' | 'melding' | 'mydata' | 'restart' | null;

/**
 * Panels whose element is loaded the first time it is opened (widget/lazy-panels.ts, beside the
 * bundle): most residents never make a melding or open "Mijn gegevens", so the first question does
 * not wait for them.
 */
const lazyPanels = () => import('./lazy-panels.js');
const LAZY: Partial<Record<NonNullable<Panel>, () => Promise<unknown>>> = { melding: lazyPanels, mydata: lazyPanels };

/** The server that served this script: the default API when no `api` attribute is given. */
const SCRIPT_ORIGIN = (() => {
  try {
    return new URL('../', import.meta.url).href;
  } catch {
    return '';
  }
})();

export class VraagWijzer extends VwElement {
  static override properties = {
    api: { type: String },
    tree: { type: String },
    lang: { type: String, reflect: true },
    statusUrl: { type: String, attribute: 'status-url' },
    panel: { state: true },
    announcement: { state: true },
  };
  static override styles = [
    VwElement.styles,
    css`
      :host {
        background: var(--_bg);
        max-inline-size: var(--_max);
      }
      .frame {
        display: grid;
        gap: var(--_space);
        padding-block: var(--_space);
        /* Room for the fixed "Snel weg" button, so it never covers the language switch. */
        padding-block-start: calc(var(--_space) + 3rem);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      header .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        margin-inline-start: auto;
      }
      .problem {
        border: 3px solid var(--_invalid);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      .notice {
        background: var(--_notice-bg);
        border-inline-start: 6px solid #8a6d00;
        padding: 0.75rem var(--_space);
      }
      .more {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        border-block-start: 1px solid var(--_border);
        padding-block-start: var(--_space);
      }
      .end-text {
        font-size: 1.05em;
      }
      @media print {
        :host {
          max-inline-size: none;
          font-size: 11pt;
          color: #000;
        }
        .frame {
          padding: 0;
        }
      }
    `,
  ];
  declare api: string;
  declare tree: string;
  declare lang: string;
  declare statusUrl: string | undefined;
  declare panel: Panel;
  declare announcement: string;
  private readonly session: SessionController;
  /** Hands the municipality's config to every element inside (texts, help bar, theme). */
  private readonly municipality = new GemeenteProvider(this);
  private gemeenteFor = '';
  /** Set by the resident's own actions: only then does focus move (never on page load). */
  private moveFocus = false;
  private lastStepKey = '';
  /** The step count as shown, so the total does not swing (steady-progress.ts). */
  private shown: Shown | undefined;
  private openedFor = '';
  private openTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.api = SCRIPT_ORIGIN;
    this.tree = '';
    this.lang = 'nl';
    this.panel = null;
    this.announcement = '';
    this.session = new SessionController(this, { api: this.api, tree: this.tree, locale: 'nl' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const adopted = this.session.adoptedLocale;
    if (adopted) {
      // A session picked up after a reload or by code speaks the language the resident chose for it.
      this.session.adoptedLocale = undefined;
      this.lang = uiLang(adopted);
    }
    this.locale = uiLang(this.lang);
    if (changed.has('tree') || changed.has('api')) this.scheduleOpen();
    if (changed.has('lang') && changed.get('lang') !== undefined && this.session.handle) {
      this.moveFocus = false;
      void this.session.setLocale(this.locale);
    }
    const s = this.session.session;
    // Announce each new step once: the live region speaks it even when focus stays put.
    const key = s ? `${s.step.id}:${s.version}:${s.done}` : '';
    if (key && key !== this.lastStepKey) {
      if (!s!.done) this.shown = steadyProgress(this.shown, s!.step.progress);
      if (this.lastStepKey) this.announcement = s!.done ? t(this.locale, 'adviceAnnounce') : this.stepAnnouncement(this.steady(s!.step));
      this.lastStepKey = key;
    }
  }

  /** The current step with the count as shown. */
  private steady(step: PresentedStep): PresentedStep {
    const shown = this.shown;
    if (!shown || shown.done !== step.progress.done) return step;
    return { ...step, progress: { ...step.progress, ahead: shown.total - shown.done } };
  }

  /** Where the resident is and what the screen says, as plain words (the tree text is markdown). */
  private stepAnnouncement(step: PresentedStep): string {
    const { done, ahead } = step.progress;
    const where = done + ahead > 0 ? `${t(this.locale, 'stepOf', { done: Math.min(done + 1, done + ahead), total: done + ahead })}. ` : '';
    const text = plainText(step.text);
    return where + (step.kind === 'info' ? t(this.locale, 'infoAnnounce', { text }) : t(this.locale, 'stepAnnounce', { text }));
  }

  /**
   * (Re)opens a session when api or tree are set or change. Deferred by one task so that a page
   * script setting the attributes right after the upgrade does not cost a wasted session.
   */
  private scheduleOpen(): void {
    if (this.openTimer !== undefined) return;
    this.openTimer = setTimeout(() => {
      this.openTimer = undefined;
      const target = `${this.api || location.origin}|${this.tree}`;
      if (!this.tree || target === this.openedFor) return;
      const fresh = this.openedFor !== '';
      this.openedFor = target;
      void this.loadGemeente(this.api || location.origin, this.tree.split('/')[0]!);
      this.session.configure({ api: this.api || location.origin, tree: this.tree, locale: this.locale });
      void this.session.restartOrOpen(fresh);
    });
  }

  /**
   * The municipality of the tree: fetched once per api and gemeente, alongside the session. When it
   * cannot be had the texts keep their generic words, which is better than a wrong number.
   */
  private async loadGemeente(api: string, gemeente: string): Promise<void> {
    const key = `${api}|${gemeente}`;
    if (key === this.gemeenteFor) return;
    this.gemeenteFor = key;
    const view = await new ApiClient(api).gemeente(gemeente).catch(() => undefined);
    if (key !== this.gemeenteFor) return;
    this.municipality.set(view);
    if (!view) this.gemeenteFor = ''; // the next open tries again
  }

  protected override updated(): void {
    if (this.moveFocus && !this.session.busy) {
      this.moveFocus = false;
      void this.focusHeading();
    }
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    if (this.session.failure && this.session.pending) {
      this.renderRoot.querySelector<HTMLElement>('[data-retry]')?.focus();
      return;
    }
    const view = this.renderRoot.querySelector<HTMLElement>('[data-view]');
    if (view && view instanceof VwElement) return view.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /** Wraps a resident action: run it, then move focus to what it produced. */
  private act(p: () => Promise<void>, panel: Panel = this.panel) {
    this.moveFocus = true;
    void p().then(() => {
      if (!this.session.failure) this.panel = panel;
      this.moveFocus = true;
      this.requestUpdate();
    });
  }

  private show(panel: Panel) {
    const load = panel ? LAZY[panel] : undefined;
    if (!load) {
      this.panel = panel;
      this.moveFocus = true;
      return;
    }
    // Opened when the element is there: a failed load still opens the panel, whose element then stays empty.
    void load()
      .catch(() => undefined)
      .then(() => {
        this.panel = panel;
        this.moveFocus = true;
      });
  }

  override render() {
    const c = this.session;
    return html`<div class="frame" part="frame">
      <vw-quick-exit .locale=${this.locale} exportparts="quick-exit"></vw-quick-exit>
      <header class="no-print" part="header">
        <div class="tools">
          <button
            type="button"
            class="link"
            part="lang-switch"
            lang=${this.locale === 'nl' ? 'en' : 'nl'}
            @click=${() => (this.lang = this.locale === 'nl' ? 'en' : 'nl')}
          >
            ${this.t('switchTo')}
          </button>
          ${this.panel !== 'resume' ? html`<button type="button" class="link" @click=${() => this.show('resume')}>${this.t('resumeHeading')}</button>` : nothing}
        </div>
      </header>
      <vw-help-bar .locale=${this.locale} exportparts="help-bar"></vw-help-bar>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.renderNotice()} ${this.renderFailure()}
      <section part="main" aria-label=${this.t('title')}>${this.renderView()}</section>
      ${c.session && !this.panel ? this.renderMore() : nothing}
    </div>`;
  }

  private renderNotice() {
    const n = this.session.notice;
    if (!n) return nothing;
    return html`<p class="notice" role="status" part="notice">${this.t(n)}</p>`;
  }

  private renderFailure() {
    const f = this.session.failure;
    if (!f || f.kind === 'invalid') return nothing;
    return html`<div class="problem" role="alert" part="problem">
      <p><strong>${f.kind === 'network' ? this.t('networkError') : this.t('serverError')}</strong></p>
      <p>${this.t('callInstead')}</p>
      ${
        this.session.pending
          ? html`<button
              type="button"
              class="primary"
              data-retry
              part="button button-primary"
              @click=${() => this.act(() => this.session.retry())}
            >
              ${this.t('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderView() {
    const c = this.session;
    const s = c.session;
    switch (this.panel) {
      case 'resume':
        return html`<vw-resume-form
          data-view
          .locale=${this.locale}
          .busy=${c.busy}
          .error=${c.failure?.action === 'resume' && c.failure.kind === 'invalid' ? this.t('resumeInvalid') : undefined}
          @vw-close=${() => this.show(null)}
          @vw-resume=${(e: CustomEvent<{ code: string }>) => this.act(() => c.resume(e.detail.code), null)}
        ></vw-resume-form>`;
      case 'save':
        return html`<vw-resume-code
          data-view
          .locale=${this.locale}
          .code=${c.resumeCode}
          .expiresAt=${c.resumeExpiresAt}
          @vw-close=${() => this.show(null)}
        ></vw-resume-code>`;
      case 'concern':
        // Never the server's English: our own sentence, and the refused fields marked in the form.
        return html`<vw-concern-form
          data-view
          .locale=${this.locale}
          .busy=${c.busy}
          .prefill=${s ? concernPrefill(s.trail) : undefined}
          .error=${c.failure?.action === 'concern' && c.failure.kind === 'invalid' ? this.t('concernRefused') : undefined}
          .refused=${c.failure?.action === 'concern' && c.failure.kind === 'invalid' ? c.failure.fields : undefined}
          @vw-close=${() => this.show(null)}
          @vw-concern-submit=${(e: CustomEvent<ConcernDraft>) => this.act(() => c.reportConcern(e.detail), 'receipt')}
        ></vw-concern-form>`;
      case 'receipt':
        return this.renderReceipt();
      case 'melding':
        return html`<vw-melding-flow
          data-view
          .locale=${this.locale}
          .api=${this.api || location.origin}
          .handle=${c.handle}
          @vw-close=${() => this.show(null)}
        ></vw-melding-flow>`;
      case 'mydata':
        return html`<vw-my-data
          data-view
          .locale=${this.locale}
          .api=${this.api || location.origin}
          .handle=${c.handle}
          @vw-close=${() => this.show(null)}
          @vw-erased=${() => c.forget()}
          @vw-restart=${() => this.act(() => c.restart(), null)}
        ></vw-my-data>`;
      case 'restart':
        return html`<section part="restart">
          <h2 tabindex="-1" data-heading part="heading">${this.t('restartHeading')}</h2>
          <p>${this.t('restartText')}</p>
          <div class="actions">
            <button type="button" class="primary" part="button button-primary" @click=${() => this.act(() => c.restart(), null)}>
              ${this.t('restartYes')}
            </button>
            <button type="button" part="button" @click=${() => this.show(null)}>${this.t('restartNo')}</button>
          </div>
        </section>`;
      case 'overview':
        if (s)
          return html`<vw-answers
              data-view
              .locale=${this.locale}
              .trail=${s.trail}
              .busy=${c.busy}
              @vw-change=${this.onChange}
            ></vw-answers>
            <div class="actions">
              <button type="button" class="primary" @click=${() => this.show(null)}>
                ${s.done ? this.t('backToAdvice') : this.t('backToQuestion')}
              </button>
            </div>`;
    }
    if (!s) return c.failure ? nothing : html`<p role="status">${this.t('loading')}</p>`;
    const editing = c.editing;
    if (s.done && !editing) return this.renderAdvice();
    const invalid = c.failure?.kind === 'invalid' && c.failure.action === 'answer' ? this.invalidText() : undefined;
    const step = editing?.step ?? this.steady(s.step);
    return html`<vw-step
        data-view
        .locale=${this.locale}
        .step=${step}
        .initial=${editing ? editing.value : (c.remembered.get(step.id) ?? firstPaintAnswer(this, step.id))}
        .serverError=${invalid}
        .busy=${c.busy}
        exportparts="step,heading,button,button-primary,progress"
        @vw-answer=${(e: CustomEvent<{ node: string; value: unknown }>) => this.act(() => c.answer(e.detail.node, e.detail.value))}
        @vw-back=${() => this.act(() => c.back())}
      ></vw-step>
      ${
        editing
          ? html`<div class="actions no-print">
              <button type="button" part="button" @click=${() => (c.cancelChange(), void this.focusHeading())}>
                ${this.t('cancelChange')}
              </button>
            </div>`
          : nothing
      }`;
  }

  private invalidText(): string {
    const f = this.session.failure!;
    // Server details are written for developers in English; Dutch residents get our own sentence.
    return this.locale === 'en' && f.detail ? f.detail : this.t('answerInvalid');
  }

  private onChange = (e: CustomEvent<{ node: string }>) => this.act(() => this.session.change(e.detail.node), null);

  private renderAdvice() {
    const s = this.session.session!;
    return html`<section part="advice">
      <h2 tabindex="-1" data-heading part="heading">${this.t('adviceHeading')}</h2>
      <div class="end-text">${markdown(s.step.text)}</div>
      <p>${this.t('adviceIntro')}</p>
      <vw-advice-plan
        melding
        .locale=${this.locale}
        .advice=${s.advice}
        exportparts="advice-item,service-card,button,button-primary"
        @vw-concern=${() => this.show('concern')}
        @vw-melding=${() => this.show('melding')}
      ></vw-advice-plan>
      <vw-answers sub .locale=${this.locale} .trail=${s.trail} .busy=${this.session.busy} @vw-change=${this.onChange}></vw-answers>
      <div class="actions no-print">
        <button type="button" class="primary" part="button button-primary" @click=${() => window.print()}>${this.t('print')}</button>
        ${s.step.canGoBack ? html`<button type="button" part="button" @click=${() => this.act(() => this.session.back())}>${this.t('back')}</button>` : nothing}
        <button type="button" part="button" @click=${() => this.show('restart')}>${this.t('restart')}</button>
      </div>
    </section>`;
  }

  private renderReceipt() {
    const r = this.session.receipt;
    if (!r) return nothing;
    const base = this.statusUrl || new URL('/demo/status', this.api || location.origin).href;
    // The status page speaks the reporter's language too; the token stays in the #fragment.
    const link = `${base}#t=${encodeURIComponent(r.statusToken)}${this.locale !== 'nl' ? `&lang=${this.locale}` : ''}`;
    const reporter = this.session.reported?.reporter;
    const callBack = !!(reporter && (reporter.phone || reporter.email));
    return html`<section part="receipt">
      <h2 tabindex="-1" data-heading part="heading">${this.t('concernSent')}</h2>
      <p><strong>${this.t('concernReference', { ref: r.reference })}</strong></p>
      <p>${r.receiver ? this.t('concernSentTo', { org: r.receiver.organisation }) : this.t('concernSentToGemeente')}</p>
      <p>${this.t('concernNext')}</p>
      <p>${callBack ? this.t('concernCallBack') : this.t('concernNoCallBack')}</p>
      ${r.receiver ? html`<vw-service-card .locale=${this.locale} .service=${r.receiver}></vw-service-card>` : nothing}
      <p>
        <a href=${link} target="_blank" rel="noopener"
          >${this.t('concernStatusLink')} <span class="no-print">${this.t('newWindow')}</span></a
        >
      </p>
      <p class="hint">${this.t('concernStatusHint')}</p>
      <vw-concern-status sub .locale=${this.locale} .api=${this.api || location.origin} .token=${r.statusToken}></vw-concern-status>
      <div class="actions no-print">
        <button type="button" class="primary" part="button button-primary" @click=${() => window.print()}>${this.t('print')}</button>
        <button type="button" part="button" @click=${() => this.show(null)}>${this.t('backToAdvice')}</button>
      </div>
    </section>`;
  }

  private renderMore() {
    const s = this.session.session!;
    return html`<div class="more no-print" part="more">
      ${
        s.trail.some((e) => e.value !== null) && !s.done
          ? html`<button type="button" class="link" @click=${() => this.show('overview')}>${this.t('showOverview')}</button>`
          : nothing
      }
      <button type="button" class="link" @click=${() => this.act(() => this.session.ensureResumeCode(), 'save')}>${this.t('save')}</button>
      <button type="button" class="link" @click=${() => this.show('mydata')}>${this.t('myData')}</button>
    </div>`;
  }
}

customElements.get('vraag-wijzer') || customElements.define('vraag-wijzer', VraagWijzer);
