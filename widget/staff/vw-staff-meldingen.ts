// The Wmo meldingen inbox (behandelaar): what residents and medewerkers sent, where it stands in
// the municipality's case system, and – without one, or when registration failed – claim, close
// and retry. The server audits every list, read and change.
import { html, LitElement, nothing } from 'lit';
import type { MeldingSummaryView } from '../../server/api/melding-contract.js';
import { staffCall, StaffApiError, time } from './staff-api.js';
import { staffStyles } from './staff-styles.js';

interface Zgw {
  status: string;
  zaakIdentificatie: string | null;
  attempts: number;
  lastError: string | null;
}
interface Row {
  id: string;
  reference: string;
  channel: string;
  forWhom: 'zelf' | 'ander';
  madeBy: string | null;
  status: string;
  claimedBy: string | null;
  createdAt: string;
  zgw: Zgw | null;
}
interface Detail {
  id: string;
  reference: string;
  status: string;
  channel: string;
  forWhom: 'zelf' | 'ander';
  madeBy: string | null;
  consentText: string | null;
  person: { name: string; postcode: string; huisnummer: number; huisletter?: string; toevoeging?: string };
  contact: { name?: string; phone?: string; email?: string; when: string };
  summary: MeldingSummaryView;
  closeNote: string | null;
  createdAt: string;
  zgw: Zgw | null;
}

const STATUS: Record<string, string> = { ontvangen: 'Ontvangen', opgepakt: 'Opgepakt', afgerond: 'Afgerond' };
/** What the registration state means for the behandelaar, and what to do. */
const ZGW: Record<string, string> = {
  wachten: 'wordt in het zaaksysteem gezet',
  bezig: 'wordt in het zaaksysteem gezet',
  geregistreerd: 'staat in het zaaksysteem',
  'opnieuw-proberen': 'nog niet in het zaaksysteem, wordt opnieuw geprobeerd',
  mislukt: 'niet in het zaaksysteem gekomen: los de fout op en probeer opnieuw',
};
const WHEN: Record<string, string> = { ochtend: "'s ochtends", middag: "'s middags", 'maakt-niet-uit': 'maakt niet uit' };

export class VwStaffMeldingen extends LitElement {
  static override properties = { rows: { state: true }, detail: { state: true }, error: { state: true }, message: { state: true } };
  static override styles = staffStyles;
  declare rows: Row[];
  declare detail: Detail | undefined;
  declare error: string | undefined;
  declare message: string | undefined;

  constructor() {
    super();
    this.rows = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async run(fn: () => Promise<void>) {
    this.error = undefined;
    try {
      await fn();
    } catch (e) {
      this.error = (e as StaffApiError).message;
    }
  }

  private load = () =>
    this.run(async () => {
      this.rows = (await staffCall<{ items: Row[] }>('GET', '/api/staff/meldingen')).items;
    });

  private open(id: string) {
    return this.run(async () => {
      this.detail = await staffCall<Detail>('GET', `/api/staff/meldingen/${encodeURIComponent(id)}`);
      this.message = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#m-h')?.focus();
    });
  }

  private act(path: string, done: string, body?: unknown) {
    return this.run(async () => {
      await staffCall('POST', `/api/staff/meldingen/${encodeURIComponent(this.detail!.id)}/${path}`, body);
      await this.open(this.detail!.id);
      this.message = done;
      await this.load();
    });
  }

  private close = (e: SubmitEvent) => {
    e.preventDefault();
    const note = String(new FormData(e.target as HTMLFormElement).get('note') ?? '').trim();
    if (!note) return void (this.error = 'Schrijf kort wat er met de melding is gedaan.');
    void this.act('close', 'Afgerond.', { note });
  };

  override render() {
    return html`
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <section class="panel" aria-labelledby="l-h">
        <h2 id="l-h">Wmo-meldingen (${this.rows.length})</h2>
        <p><a href="/api/staff/meldingen/export" download="meldingen.csv">Alles downloaden (csv)</a></p>
        ${
          this.rows.length
            ? html`<table>
                <caption class="visually-hidden">
                  Alle Wmo-meldingen, oudste eerst
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Kenmerk</th>
                    <th scope="col">Ontvangen</th>
                    <th scope="col">Via</th>
                    <th scope="col">Status</th>
                    <th scope="col">Zaaksysteem</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (r) =>
                      html`<tr>
                        <td><button type="button" class="link" @click=${() => this.open(r.id)}>${r.reference}</button></td>
                        <td>${time(r.createdAt)}</td>
                        <td>${r.channel}${r.madeBy ? ` (${r.madeBy})` : ''}</td>
                        <td>${STATUS[r.status] ?? r.status}${r.claimedBy ? ` – ${r.claimedBy}` : ''}</td>
                        <td>${r.zgw ? `${r.zgw.zaakIdentificatie ?? ''} ${ZGW[r.zgw.status] ?? r.zgw.status}` : 'geen koppeling'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>Geen meldingen.</p>`
        }
      </section>
      ${this.detail ? this.renderDetail(this.detail) : nothing}
    `;
  }

  private renderDetail(d: Detail) {
    const nummer = `${d.person.huisnummer}${d.person.huisletter ?? ''}${d.person.toevoeging ? `-${d.person.toevoeging}` : ''}`;
    const retry = d.zgw && (d.zgw.status === 'mislukt' || d.zgw.status === 'opnieuw-proberen');
    return html`<section class="panel" aria-labelledby="m-h">
      <h2 id="m-h" tabindex="-1">Melding ${d.reference}</h2>
      <p>
        ${STATUS[d.status] ?? d.status} · ontvangen ${time(d.createdAt)} via ${d.channel}${d.madeBy ? ` door ${d.madeBy}` : ''} · voor
        ${d.forWhom === 'zelf' ? 'de persoon zelf' : 'iemand anders'}
      </p>
      ${d.consentText ? html`<p>Toestemming: ${d.consentText}</p>` : nothing}
      <dl>
        <dt>Naam</dt>
        <dd>${d.person.name}</dd>
        <dt>Adres</dt>
        <dd>${d.person.postcode} ${nummer}</dd>
        ${
          d.contact.name
            ? html`<dt>Contactpersoon</dt>
                <dd>${d.contact.name}</dd>`
            : nothing
        }
        ${
          d.contact.phone
            ? html`<dt>Telefoon</dt>
                <dd>${d.contact.phone}</dd>`
            : nothing
        }
        ${
          d.contact.email
            ? html`<dt>E-mail</dt>
                <dd>${d.contact.email}</dd>`
            : nothing
        }
        <dt>Bereikbaar</dt>
        <dd>${WHEN[d.contact.when] ?? d.contact.when}</dd>
      </dl>
      <h3>Antwoorden</h3>
      <dl>
        ${d.summary.answers.map(
          (a) =>
            html`<dt>${a.question}</dt>
              <dd>${a.answer}</dd>`,
        )}
      </dl>
      <p>
        <a href=${`/api/staff/meldingen/${encodeURIComponent(d.id)}/pdf`} download=${`melding-${d.reference}.pdf`}>Samenvatting (pdf)</a>
      </p>
      ${
        d.zgw
          ? html`<p>
              Zaaksysteem:
              ${ZGW[d.zgw.status] ?? d.zgw.status}${d.zgw.zaakIdentificatie ? html` – zaak <strong>${d.zgw.zaakIdentificatie}</strong>` : nothing}
              ${d.zgw.lastError ? html`<br />Laatste fout (poging ${d.zgw.attempts}): ${d.zgw.lastError}` : nothing}
            </p>`
          : nothing
      }
      <div class="actions">
        ${retry ? html`<button type="button" @click=${() => this.act('zgw-retry', 'Wordt opnieuw in het zaaksysteem gezet.')}>Opnieuw proberen</button>` : nothing}
        ${d.status === 'ontvangen' ? html`<button type="button" class="primary" @click=${() => this.act('claim', 'U heeft deze melding opgepakt.')}>Oppakken</button>` : nothing}
      </div>
      ${
        d.status === 'opgepakt'
          ? html`<form @submit=${this.close} novalidate>
              <label class="block" for="m-note">Wat is er gedaan?</label>
              <textarea id="m-note" name="note" maxlength="2000"></textarea>
              <div class="actions"><button type="submit">Afronden</button></div>
            </form>`
          : nothing
      }
      ${d.closeNote ? html`<p>Afgerond: ${d.closeNote}</p>` : nothing}
    </section>`;
  }
}

customElements.get('vw-staff-meldingen') || customElements.define('vw-staff-meldingen', VwStaffMeldingen);
