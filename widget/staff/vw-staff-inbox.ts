// The concern inbox for behandelaars: filter, open, claim, close with feedback for the reporter.
// The server audits every list, read, claim and close. It sends the inbox a page at a time, most
// urgent and newest first, with the number of reports per status.
import { html, LitElement, nothing } from 'lit';
import { staffCall, StaffApiError, time } from './staff-api.js';
import { staffStyles } from './staff-styles.js';

interface Row {
  id: string;
  reference: string;
  about: string;
  urgency: string;
  area: string | null;
  status: string;
  claimedBy: string | null;
  mine: boolean;
  createdAt: string;
}
interface Page {
  items: Row[];
  next: string | null;
  counts: Record<string, number>;
}
interface Detail extends Row {
  noticed: string;
  reporter: { name?: string; phone?: string; email?: string } | null;
  receiver: { name: string; organisation: string } | null;
  feedback: string | null;
  events: { kind: string; at: string }[];
}

const ABOUT: Record<string, string> = {
  kind: 'Kind of jongere',
  oudere: 'Oudere',
  zorgmijder: 'Zorgmijder / verward',
  dakloos: 'Dakloos',
  geld: 'Geldzorgen',
  mantelzorg: 'Mantelzorger',
  anders: 'Anders',
};
const URGENCY: Record<string, string> = { dringend: 'Dringend', 'binnen-een-week': 'Binnen een week', 'niet-dringend': 'Niet dringend' };
const STATUS: Record<string, string> = { ontvangen: 'Ontvangen', opgepakt: 'Opgepakt', afgerond: 'Afgerond' };

export class VwStaffInbox extends LitElement {
  static override properties = {
    rows: { state: true },
    next: { state: true },
    counts: { state: true },
    detail: { state: true },
    error: { state: true },
    message: { state: true },
  };
  static override styles = staffStyles;
  declare rows: Row[];
  /** The cursor of the next page; null when every report under the filter is shown. */
  declare next: string | null;
  declare counts: Record<string, number>;
  declare detail: Detail | undefined;
  declare error: string | undefined;
  declare message: string | undefined;
  private filter = new URLSearchParams({ status: 'ontvangen' });

  constructor() {
    super();
    this.rows = [];
    this.next = null;
    this.counts = {};
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

  /** The first page under the filter again (after a change, the order may have moved). */
  private load() {
    return this.run(async () => {
      const page = await staffCall<Page>('GET', `/api/staff/concerns?${this.filter}`);
      this.rows = page.items;
      this.next = page.next;
      this.counts = page.counts;
    });
  }

  private more = () =>
    this.run(async () => {
      const query = new URLSearchParams(this.filter);
      query.set('after', this.next!);
      const page = await staffCall<Page>('GET', `/api/staff/concerns?${query}`);
      this.rows = [...this.rows, ...page.items];
      this.next = page.next;
      this.counts = page.counts;
    });

  private applyFilter = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.filter = new URLSearchParams();
    for (const k of ['status', 'urgency', 'about', 'mine']) {
      const v = String(data.get(k) ?? '');
      if (v) this.filter.set(k, v);
    }
    void this.load();
  };

  private open(id: string) {
    return this.run(async () => {
      this.detail = await staffCall<Detail>('GET', `/api/staff/concerns/${encodeURIComponent(id)}`);
      this.message = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#d-h')?.focus();
    });
  }

  private claim = () =>
    this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/claim`);
      await this.open(this.detail!.id);
      this.message = 'U heeft deze melding opgepakt. De melder ziet nu "opgepakt".';
      await this.load();
    });

  private close = (e: SubmitEvent) => {
    e.preventDefault();
    const feedback = String(new FormData(e.target as HTMLFormElement).get('feedback') ?? '').trim();
    if (!feedback) return void (this.error = 'Schrijf een terugkoppeling voor de melder.');
    void this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/close`, { feedback });
      await this.open(this.detail!.id);
      this.message = 'Afgerond. De melder ziet uw terugkoppeling op de statuspagina.';
      await this.load();
    });
  };

  private select(name: string, label: string, options: Record<string, string>) {
    const current = this.filter.get(name) ?? '';
    return html`<div>
      <label class="block" for=${`f-${name}`}>${label}</label>
      <select id=${`f-${name}`} name=${name}>
        <option value="">Alle</option>
        ${Object.entries(options).map(([v, l]) => html`<option value=${v} ?selected=${v === current}>${l}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const d = this.detail;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      <form class="panel" @submit=${this.applyFilter} aria-label="Filter">
        <div class="grid">
          ${this.select('status', 'Status', STATUS)} ${this.select('urgency', 'Urgentie', URGENCY)} ${this.select('about', 'Over', ABOUT)}
          <div class="choice">
            <input type="checkbox" id="f-mine" name="mine" value="1" ?checked=${this.filter.get('mine') === '1'} /><label for="f-mine"
              >Alleen door mij opgepakt</label
            >
          </div>
        </div>
        <div class="actions"><button type="submit">Filteren</button></div>
      </form>
      <section aria-labelledby="list-h">
        <h2 id="list-h">Meldingen</h2>
        <p>${Object.entries(STATUS).map(([v, l], i) => `${i ? ' · ' : ''}${l}: ${this.counts[v] ?? 0}`)}</p>
        ${
          this.rows.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">Kenmerk</th>
                    <th scope="col">Over</th>
                    <th scope="col">Urgentie</th>
                    <th scope="col">Buurt</th>
                    <th scope="col">Status</th>
                    <th scope="col">Ontvangen</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (r) =>
                      html`<tr>
                        <td><button type="button" class="link" @click=${() => this.open(r.id)}>${r.reference}</button></td>
                        <td>${ABOUT[r.about] ?? r.about}</td>
                        <td>${URGENCY[r.urgency] ?? r.urgency}</td>
                        <td>${r.area ?? '–'}</td>
                        <td>${r.status}${r.claimedBy ? html` (${r.claimedBy})` : nothing}</td>
                        <td>${time(r.createdAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>Geen meldingen met dit filter.</p>`
        }
        ${
          this.next
            ? html`<div class="actions">
                <button type="button" @click=${this.more}>Meer meldingen laden</button>
                <span class="hint">${this.rows.length} getoond</span>
              </div>`
            : nothing
        }
      </section>
      ${
        d
          ? html`<section class="panel" aria-labelledby="d-h">
              <h2 id="d-h" tabindex="-1">Melding ${d.reference}</h2>
              <dl>
                <dt>Status</dt>
                <dd class="status">${d.status}${d.claimedBy ? ` – ${d.claimedBy}` : ''}</dd>
                <dt>Over</dt>
                <dd>${ABOUT[d.about] ?? d.about}</dd>
                <dt>Urgentie</dt>
                <dd>${URGENCY[d.urgency] ?? d.urgency}</dd>
                <dt>Wat is gezien</dt>
                <dd style="white-space: pre-wrap">${d.noticed}</dd>
                <dt>Buurt</dt>
                <dd>${d.area ?? '–'}</dd>
                <dt>Melder</dt>
                <dd>${d.reporter ? [d.reporter.name, d.reporter.phone, d.reporter.email].filter(Boolean).join(' · ') : 'Anoniem'}</dd>
                ${
                  d.receiver
                    ? html`<dt>Ontvanger volgens advies</dt>
                        <dd>${d.receiver.name} – ${d.receiver.organisation}</dd>`
                    : nothing
                }
                ${
                  d.feedback
                    ? html`<dt>Terugkoppeling</dt>
                        <dd>${d.feedback}</dd>`
                    : nothing
                }
              </dl>
              ${d.status === 'ontvangen' ? html`<div class="actions"><button type="button" class="primary" @click=${this.claim}>Oppakken</button></div>` : nothing}
              ${
                d.status === 'opgepakt' && d.mine
                  ? html`<form @submit=${this.close} novalidate>
                      <label class="block" for="feedback">Terugkoppeling voor de melder</label>
                      <p class="hint" id="fb-hint">De melder leest dit op de statuspagina. Schrijf geen gegevens over de persoon.</p>
                      <textarea id="feedback" name="feedback" maxlength="2000" aria-describedby="fb-hint"></textarea>
                      <div class="actions"><button type="submit" class="primary">Afronden</button></div>
                    </form>`
                  : nothing
              }
            </section>`
          : nothing
      }
    `;
  }
}

customElements.get('vw-staff-inbox') || customElements.define('vw-staff-inbox', VwStaffInbox);
