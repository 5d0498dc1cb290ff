// How a Wmo melding is doing, and the zaak's number once the municipality's case system has it.
// Reads only the status token (from the property or the page's #fragment, which never reaches logs).
import { html, nothing } from 'lit';
import type { MeldingStatus } from '../server/api/melding-contract.js';
import { ApiClient, ApiError } from './api-client.js';
import { mt, type MeldingKey } from './melding-messages.js';
import { VwElement } from './vw-element.js';

export class VwMeldingStatus extends VwElement {
  static override properties = {
    api: { type: String },
    token: { type: String },
    sub: { type: Boolean },
    status: { state: true },
    problem: { state: true },
    loading: { state: true },
  };
  declare api: string;
  declare token: string | undefined;
  declare sub: boolean;
  declare status: MeldingStatus | undefined;
  declare problem: string | undefined;
  declare loading: boolean;

  constructor() {
    super();
    this.api = '';
    this.sub = false;
    this.loading = false;
  }

  private m(key: MeldingKey, params?: Record<string, string | number>) {
    return mt(this.locale, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= new URLSearchParams(location.hash.slice(1)).get('t') ?? undefined;
    if (this.token) void this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.token) return;
    this.loading = true;
    try {
      this.status = await new ApiClient(this.api || location.origin).meldingStatus(this.token);
      this.problem = undefined;
    } catch (e) {
      this.problem = e instanceof ApiError && e.kind === 'gone' ? this.m('statusNotFound') : this.m('failed');
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const s = this.status;
    const heading = this.sub
      ? html`<h3>${this.m('statusHeading')}</h3>`
      : html`<h2 tabindex="-1" data-heading part="heading">${this.m('statusHeading')}</h2>`;
    return html`<section part="melding-status">
      ${heading}
      <div role="status">
        ${
          s
            ? html`<p><strong>${this.m(`status_${s.status}` as MeldingKey)}</strong></p>
                <p>${this.m('reference', { ref: s.reference })}</p>
                ${s.delivery === 'zaaksysteem' ? html`<p>${s.zaakIdentificatie ? this.m('zaak', { id: s.zaakIdentificatie }) : this.m('zaakPending')}</p>` : nothing}`
            : nothing
        }
        ${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}
        ${!this.token ? html`<p class="error">${this.m('statusNotFound')}</p>` : nothing}
      </div>
      ${
        this.token
          ? html`<button type="button" part="button" ?disabled=${this.loading} @click=${() => this.refresh()}>
              ${this.m('statusCheck')}
            </button>`
          : nothing
      }
    </section>`;
  }
}

customElements.get('vw-melding-status') || customElements.define('vw-melding-status', VwMeldingStatus);
