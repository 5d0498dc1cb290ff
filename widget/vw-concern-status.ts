// What happened with a concern report: the feedback a reporter was promised (001:L1309–1316).
// Reads only the status token (from the attribute or the page's #fragment, which never reaches logs).
import { html, nothing } from 'lit';
import type { ConcernStatus, StillInCaseSystem } from '../server/api/contract.js';
import { ApiClient, ApiError } from './api-client.js';
import { GemeenteProvider } from './gemeente-context.js';
import { uiLang, type MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';
import './vw-quick-exit.js';
import { formatDate } from './vw-resume-code.js';

export class VwConcernStatus extends VwElement {
  static override properties = {
    api: { type: String },
    token: { type: String },
    sub: { type: Boolean },
    status: { state: true },
    problem: { state: true },
    loading: { state: true },
    confirming: { state: true },
    withdrawn: { state: true },
  };
  declare api: string;
  declare token: string | undefined;
  declare sub: boolean;
  declare status: ConcernStatus | undefined;
  declare problem: string | undefined;
  declare loading: boolean;
  declare confirming: boolean;
  declare withdrawn: boolean;
  /** A zaak the receiver's case system already holds: withdrawing here does not delete it there. */
  private kept: StillInCaseSystem[] = [];

  constructor() {
    super();
    this.api = '';
    this.sub = false;
    this.loading = false;
    this.confirming = false;
    this.withdrawn = false;
  }

  /** The reporter's right to take a report back: it is deleted, and only that is audited. */
  private async withdraw(): Promise<void> {
    this.loading = true;
    try {
      this.kept = (await new ApiClient(this.api || location.origin).withdrawConcern(this.token!)).stillInCaseSystem ?? [];
      this.withdrawn = true;
      this.status = undefined;
      this.problem = undefined;
    } catch (e) {
      // Gone on a retry: the first try withdrew it.
      if (e instanceof ApiError && e.kind === 'gone') {
        this.withdrawn = true;
        this.status = undefined;
      } else
        this.problem =
          e instanceof ApiError && e.kind === 'network' ? this.t('networkError') : `${this.t('serverError')} ${this.t('callInstead')}`;
    } finally {
      this.loading = false;
      this.confirming = false;
    }
  }

  private renderWithdraw() {
    if (!this.status || this.withdrawn) return nothing;
    if (!this.confirming) return html`<button type="button" part="button" @click=${this.askWithdraw}>${this.t('withdraw')}</button>`;
    return html`<div role="group" aria-labelledby="wq">
      <p id="wq" tabindex="-1" data-wq>
        <strong>${this.t(this.status.zaakIdentificatie ? 'withdrawConfirmHere' : 'withdrawConfirm')}</strong>
      </p>
      ${
        this.status.zaakIdentificatie
          ? html`<p>${this.t('withdrawZaakWarning', { org: this.status.receiver ?? '', id: this.status.zaakIdentificatie })}</p>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="button button-primary" ?disabled=${this.loading} @click=${() => this.withdraw()}>
          ${this.t('withdrawYes')}
        </button>
        <button type="button" part="button" @click=${() => (this.confirming = false)}>${this.t('withdrawNo')}</button>
      </div>
    </div>`;
  }

  private askWithdraw = async () => {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-wq]')?.focus();
  };

  /** On its own page (not inside the widget) it is the municipality's provider for what it shows. */
  private own?: GemeenteProvider;

  override connectedCallback(): void {
    if (!this.sub) this.own ??= new GemeenteProvider(this);
    super.connectedCallback();
    const hash = new URLSearchParams(location.hash.slice(1));
    this.token ??= hash.get('t') ?? undefined;
    // The reporter's language travels in the link's #fragment, like the token.
    const lang = hash.get('lang');
    if (!this.sub && lang && uiLang(lang) === lang) {
      this.locale = lang;
      document.documentElement.lang = lang;
    }
    if (this.token) void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.token) return;
    this.loading = true;
    try {
      const client = new ApiClient(this.api || location.origin);
      this.status = await client.concernStatus(this.token);
      this.problem = undefined;
      const gemeente = this.status.gemeente;
      if (this.own && gemeente && this.gemeente?.gemeente !== gemeente)
        this.own.set(await client.gemeente(gemeente).catch(() => undefined));
    } catch (e) {
      const kind = e instanceof ApiError ? e.kind : 'server';
      this.problem =
        kind === 'network'
          ? this.t('networkError')
          : kind === 'gone'
            ? this.t('statusNotFound')
            : `${this.t('serverError')} ${this.t('callInstead')}`;
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const s = this.status;
    const heading = this.sub
      ? html`<h3>${this.t('statusHeading')}</h3>`
      : html`<vw-quick-exit .locale=${this.locale}></vw-quick-exit>
          <h1 tabindex="-1" data-heading part="heading">${this.t('statusHeading')}</h1>`;
    return html`<section part="concern-status">
      ${heading}
      <div role="status">
        ${
          s
            ? html`<p><strong>${this.t(`status_${s.status}` as MessageKey)}</strong></p>
                <p>${this.t('concernReference', { ref: s.reference })}</p>
                ${s.receiver && !this.sub ? html`<p>${this.t('statusReceiver', { org: s.receiver })}</p>` : nothing}
                ${s.zaakIdentificatie ? html`<p>${this.t('statusZaak', { id: s.zaakIdentificatie })}</p>` : nothing}
                ${s.pickedUpBy ? html`<p>${this.t('statusBy', { who: s.pickedUpBy })}</p>` : nothing}
                ${s.feedback ? html`<p>${s.feedback}</p>` : nothing}
                <p class="hint">${this.t('statusUpdated', { date: formatDate(s.updatedAt, this.locale) })}</p>`
            : nothing
        }
        ${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}
        ${this.withdrawn ? html`<p><strong>${this.t('withdrawn')}</strong></p>` : nothing}
        ${this.kept.map(
          (z) => html`<p>${this.t('stillInCaseSystem', { ref: z.reference, org: z.organisation, id: z.zaakIdentificatie ?? '?' })}</p>`,
        )}
        ${!this.token ? html`<p class="error">${this.t('statusNotFound')}</p>` : nothing}
      </div>
      ${
        this.token && !this.withdrawn
          ? html`<div class="actions no-print">
              <button type="button" part="button" ?disabled=${this.loading} @click=${() => this.refresh()}>${this.t('statusCheck')}</button>
              ${this.renderWithdraw()}
            </div>`
          : nothing
      }
      ${this.sub ? nothing : html`<p>${this.t('statusQuestions')}</p>`}
    </section>`;
  }
}

customElements.get('vw-concern-status') || customElements.define('vw-concern-status', VwConcernStatus);
