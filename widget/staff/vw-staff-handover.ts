// Warm handover from the console, in two steps: choose the organisation (no default: a wrong
// default sends a resident's story to the wrong place) and what to share, then check the summary
// and confirm with consent. Before confirming the medewerker sees whether the organisation has a
// connection; without one nothing is sent and the console says to phone them and read it out.
import { html, LitElement, nothing } from 'lit';
import type { PresentedService } from '../../server/api/contract.js';
import { said, staffCall, time, type Said } from './staff-api.js';
import { StaffLangController } from './staff-lang.js';
import { st, stMaybe } from './staff-messages.js';
import { staffStyles } from './staff-styles.js';

export type HandoverService = PresentedService & { connected: boolean };
export interface HandoverRow {
  id: string;
  serviceId: string;
  shared: string[];
  status: string;
  by: string;
  at: string;
}
interface Preview {
  serviceId: string;
  organisation: string;
  name: string;
  phone?: string;
  connected: boolean;
  summary: string;
  shared: string[];
}

/** What each outbox status means for the medewerker (handover_<status> in staff-messages): what happened, and what to do. */
const statusText = (status: string) => stMaybe(`handover_${status}`) ?? status;

const PARTS = ['trail', 'advice', 'notes'] as const;
const partName = (part: string) => stMaybe(`part_${part}`) ?? part;

export class VwStaffHandover extends LitElement {
  static override properties = {
    sessionId: { attribute: false },
    token: { attribute: false },
    services: { attribute: false },
    handovers: { attribute: false },
    consentText: { attribute: false },
    consentLocale: { attribute: false },
    preview: { state: true },
    done: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = staffStyles;
  declare sessionId: string;
  declare token: string;
  declare services: HandoverService[];
  declare handovers: HandoverRow[];
  declare consentText: string;
  /** The language the consent text is read out in (stored with the consent); Dutch when unset. */
  declare consentLocale: string | undefined;
  /** The summary as it would go out (in Dutch, as session-summary.ts writes it), shown before the medewerker confirms. */
  declare preview: Preview | undefined;
  /** The recorded handover: its instruction and summary stay visible while the medewerker phones. */
  declare done: Preview | undefined;
  declare error: Said | undefined;
  declare busy: boolean;

  constructor() {
    super();
    new StaffLangController(this);
    this.services = [];
    this.handovers = [];
    this.consentText = '';
    this.busy = false;
  }

  private path(suffix: string) {
    return `/api/staff/sessions/${encodeURIComponent(this.sessionId)}/handover${suffix}`;
  }

  private check = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const serviceId = String(data.get('service') ?? '');
    const shared = data.getAll('shared').map(String);
    if (!serviceId) return this.fail(() => st('handoverServiceMissing'), 'h-service');
    if (!shared.length) return this.fail(() => st('handoverShareMissing'), 'sh-trail');
    await this.call(async () => {
      const p = await staffCall<Omit<Preview, 'shared'>>('POST', this.path('/preview'), { serviceId, shared }, this.headers);
      this.preview = { ...p, shared };
      this.done = undefined;
      await this.updateComplete;
      this.focusOn('#p-h');
    });
  };

  private confirm = async (e: SubmitEvent) => {
    e.preventDefault();
    const p = this.preview!;
    if (!new FormData(e.target as HTMLFormElement).get('consent')) return this.fail(() => st('handoverConsentMissing'), 'h-consent');
    await this.call(async () => {
      const r = await staffCall<Preview>(
        'POST',
        this.path(''),
        { serviceId: p.serviceId, shared: p.shared, consent: true, ...(this.consentLocale ? { consentLocale: this.consentLocale } : {}) },
        this.headers,
      );
      this.done = { ...p, ...r };
      this.preview = undefined;
      this.dispatchEvent(new CustomEvent('vw-staff-changed', { bubbles: true, composed: true }));
      await this.updateComplete;
      this.focusOn('#d-h');
    });
  };

  private get headers() {
    return { 'x-session-token': this.token };
  }

  private async call(fn: () => Promise<void>) {
    this.busy = true;
    this.error = undefined;
    try {
      await fn();
    } catch (err) {
      this.error = said(err);
    } finally {
      this.busy = false;
    }
  }

  private fail(message: Said, field: string) {
    this.error = message;
    void this.updateComplete.then(() => this.focusOn(`#${field}`));
  }

  private focusOn(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private instruction(p: Preview, recorded: boolean) {
    const who = `${p.organisation}${p.phone ? ` (${p.phone})` : ''}`;
    const organisation = p.organisation;
    if (p.connected)
      return recorded
        ? html`<p class="notice">${st('handoverSentRecorded', { organisation })}</p>`
        : html`<p>${st('handoverGoesTo', { organisation })}</p>`;
    return html`<p class="notice">
      <strong>${st('handoverUnconnected', { organisation })}</strong>
      ${st(recorded ? 'handoverCallNow' : 'handoverCallAfter', { who })}
    </p>`;
  }

  override render() {
    const serviceName = (id: string) => this.services.find((s) => s.id === id)?.organisation ?? id;
    return html`${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      <form @submit=${this.check} novalidate>
        <label class="block" for="h-service">${st('handoverService')}</label>
        <select id="h-service" name="service" @change=${() => (this.preview = undefined)}>
          <option value="">${st('handoverChoose')}</option>
          ${this.services.map(
            (x) => html`<option value=${x.id}>${x.name} – ${x.organisation}${x.connected ? '' : ` ${st('handoverNoConnection')}`}</option>`,
          )}
        </select>
        <fieldset>
          <legend class="block">${st('handoverShare')}</legend>
          ${PARTS.map(
            (value) =>
              html`<div class="choice">
                <input type="checkbox" id=${`sh-${value}`} name="shared" value=${value} ?checked=${value !== 'notes'} /><label
                  for=${`sh-${value}`}
                  >${partName(value)}</label
                >
              </div>`,
          )}
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${st('handoverPreview')}</button></div>
      </form>
      ${this.preview ? this.renderPreview(this.preview) : nothing}
      ${
        this.done
          ? html`<div class="done">
              <h3 id="d-h" tabindex="-1">${st('handoverDone', { organisation: this.done.organisation })}</h3>
              ${this.instruction(this.done, true)}
              <pre class="summary" lang="nl">${this.done.summary}</pre>
            </div>`
          : nothing
      }
      ${
        this.handovers.length
          ? html`<h3>${st('handoverRecorded')}</h3>
              <ul>
                ${this.handovers.map(
                  (h) =>
                    html`<li>
                      ${st('handoverRow', {
                        service: serviceName(h.serviceId),
                        shared: h.shared.map(partName).join(', '),
                        status: statusText(h.status),
                        by: h.by,
                        at: time(h.at),
                      })}
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }

  private renderPreview(p: Preview) {
    return html`<form @submit=${this.confirm} novalidate>
      <h3 id="p-h" tabindex="-1">${st('handoverCheck', { organisation: p.organisation })}</h3>
      ${this.instruction(p, false)}
      <pre class="summary" lang="nl">${p.summary}</pre>
      <p class="consent" lang=${this.consentLocale ?? 'nl'}>${this.consentText}</p>
      <div class="choice">
        <input type="checkbox" id="h-consent" name="consent" value="yes" /><label for="h-consent">${st('consentGiven')}</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${st('handoverConfirm')}</button>
        <button type="button" @click=${() => ((this.preview = undefined), this.focusOn('#h-service'))}>${st('cancel')}</button>
      </div>
    </form>`;
  }
}

customElements.get('vw-staff-handover') || customElements.define('vw-staff-handover', VwStaffHandover);
