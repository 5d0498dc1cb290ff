// Warm handover from the console, in two steps: choose the organisation (no default: a wrong
// default sends a resident's story to the wrong place) and what to share, then check the summary
// and confirm with consent. Before confirming the medewerker sees whether the organisation has a
// connection; without one nothing is sent and the console says to phone them and read it out.
import { html, LitElement, nothing } from 'lit';
import type { PresentedService } from '../../server/api/contract.js';
import { staffCall, StaffApiError, time } from './staff-api.js';
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

/** What each outbox status means for the medewerker: what happened, and what to do. */
const STATUS: Record<string, string> = {
  'klaar-voor-overdracht': 'wordt verzonden',
  bezig: 'wordt verzonden',
  'opnieuw-proberen': 'nog niet aangekomen, wordt opnieuw geprobeerd',
  verzonden: 'aangekomen bij de organisatie',
  mislukt: 'niet aangekomen: bel de organisatie en lees de samenvatting voor',
  'geen-koppeling': 'niet verstuurd (geen koppeling): bel de organisatie en lees de samenvatting voor',
};

const PARTS = [
  ['trail', 'Vragen en antwoorden'],
  ['advice', 'Advies'],
  ['notes', 'Aantekeningen'],
] as const;

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
  /** The summary as it would go out, shown before the medewerker confirms. */
  declare preview: Preview | undefined;
  /** The recorded handover: its instruction and summary stay visible while the medewerker phones. */
  declare done: Preview | undefined;
  declare error: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
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
    if (!serviceId) return this.fail('Kies eerst de organisatie die de inwoner verder helpt.', 'h-service');
    if (!shared.length) return this.fail('Kies wat u doorgeeft.', 'sh-trail');
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
    if (!new FormData(e.target as HTMLFormElement).get('consent'))
      return this.fail('Lees de toestemmingstekst voor en vink aan dat de inwoner akkoord is.', 'h-consent');
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
      this.error = (err instanceof StaffApiError ? err : new StaffApiError(0)).message;
    } finally {
      this.busy = false;
    }
  }

  private fail(message: string, field: string) {
    this.error = message;
    void this.updateComplete.then(() => this.focusOn(`#${field}`));
  }

  private focusOn(selector: string) {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private instruction(p: Preview, recorded: boolean) {
    const who = `${p.organisation}${p.phone ? ` (${p.phone})` : ''}`;
    if (p.connected)
      return recorded
        ? html`<p class="notice">Vastgelegd. De samenvatting gaat beveiligd naar ${p.organisation}; de status staat hieronder.</p>`
        : html`<p>Deze samenvatting gaat beveiligd naar ${p.organisation}.</p>`;
    return html`<p class="notice">
      <strong>${p.organisation} heeft geen koppeling met Vraagwijzer. Er wordt niets verstuurd.</strong>
      ${recorded ? 'Bel nu' : 'Na het vastleggen belt u'} ${who} en leest u de samenvatting hieronder voor.
    </p>`;
  }

  override render() {
    const serviceName = (id: string) => this.services.find((s) => s.id === id)?.organisation ?? id;
    return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form @submit=${this.check} novalidate>
        <label class="block" for="h-service">Naar organisatie (sociale kaart)</label>
        <select id="h-service" name="service" @change=${() => (this.preview = undefined)}>
          <option value="">Kies een organisatie</option>
          ${this.services.map(
            (x) => html`<option value=${x.id}>${x.name} – ${x.organisation}${x.connected ? '' : ' (geen koppeling: bellen)'}</option>`,
          )}
        </select>
        <fieldset>
          <legend class="block">Wat geeft u door?</legend>
          ${PARTS.map(
            ([value, label]) =>
              html`<div class="choice">
                <input type="checkbox" id=${`sh-${value}`} name="shared" value=${value} ?checked=${value !== 'notes'} /><label
                  for=${`sh-${value}`}
                  >${label}</label
                >
              </div>`,
          )}
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>Samenvatting bekijken</button></div>
      </form>
      ${this.preview ? this.renderPreview(this.preview) : nothing}
      ${
        this.done
          ? html`<div class="done">
              <h3 id="d-h" tabindex="-1">Overdracht aan ${this.done.organisation} vastgelegd</h3>
              ${this.instruction(this.done, true)}
              <pre class="summary">${this.done.summary}</pre>
            </div>`
          : nothing
      }
      ${
        this.handovers.length
          ? html`<h3>Vastgelegde overdrachten</h3>
              <ul>
                ${this.handovers.map(
                  (h) =>
                    html`<li>
                      ${serviceName(h.serviceId)}: ${h.shared.join(', ')} – ${STATUS[h.status] ?? h.status} (${h.by}, ${time(h.at)})
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }

  private renderPreview(p: Preview) {
    return html`<form @submit=${this.confirm} novalidate>
      <h3 id="p-h" tabindex="-1">Controleer de overdracht aan ${p.organisation}</h3>
      ${this.instruction(p, false)}
      <pre class="summary">${p.summary}</pre>
      <p class="consent" lang=${this.consentLocale ?? 'nl'}>${this.consentText}</p>
      <div class="choice">
        <input type="checkbox" id="h-consent" name="consent" value="yes" /><label for="h-consent">De inwoner geeft toestemming</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>Overdracht vastleggen</button>
        <button type="button" @click=${() => ((this.preview = undefined), this.focusOn('#h-service'))}>Annuleren</button>
      </div>
    </form>`;
  }
}

customElements.get('vw-staff-handover') || customElements.define('vw-staff-handover', VwStaffHandover);
