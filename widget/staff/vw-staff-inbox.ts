// The concern inbox for behandelaars: filter, open, claim, close with feedback for the reporter.
// The server audits every list, read, claim and close. It sends the inbox a page at a time, most
// urgent and newest first, with the number of reports per status.
import { html, LitElement, nothing } from 'lit';
import { newKey, staffCall, StaffApiError, time } from './staff-api.js';
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
  notes: { id: string; text: string; by: string; at: string }[];
  receivers: { id: string; name: string; organisation: string }[];
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
const SORT: Record<string, string> = { urgency: 'Meest dringend eerst', oldest: 'Oudste eerst' };

/** How long a report has waited, in words: "3 dagen", "5 uur", "minder dan een uur". */
function waited(iso: string): string {
  const hours = Math.floor((Date.now() - Date.parse(iso)) / 3600_000);
  if (hours < 1) return 'minder dan een uur';
  if (hours < 48) return `${hours} uur`;
  return `${Math.floor(hours / 24)} dagen`;
}

export class VwStaffInbox extends LitElement {
  static override properties = {
    rows: { state: true },
    next: { state: true },
    counts: { state: true },
    detail: { state: true },
    error: { state: true },
    message: { state: true },
    confirming: { state: true },
  };
  static override styles = staffStyles;
  declare rows: Row[];
  /** The cursor of the next page; null when every report under the filter is shown. */
  declare next: string | null;
  declare counts: Record<string, number>;
  declare detail: Detail | undefined;
  declare error: string | undefined;
  declare message: string | undefined;
  /** The feedback waiting for "Ja, afronden": closing cannot be undone. */
  declare confirming: string | undefined;
  /** A note's idempotency key, kept until it is saved: a retry after a lost response stores it once. */
  private noteKey = newKey();
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
    for (const k of ['status', 'urgency', 'about', 'mine', 'sort']) {
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
    this.confirming = feedback;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#cf-h')?.focus());
  };

  private confirmClose = () => {
    const feedback = this.confirming!;
    void this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/close`, { feedback });
      this.confirming = undefined;
      await this.open(this.detail!.id);
      this.message = 'Afgerond. De melder ziet uw terugkoppeling op de statuspagina.';
      await this.load();
    });
  };

  private addNote = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!text) return void (this.error = 'Schrijf eerst een aantekening.');
    void this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/notes`, { text, idempotencyKey: this.noteKey });
      this.noteKey = newKey();
      form.reset();
      await this.open(this.detail!.id);
      this.message = 'Interne aantekening opgeslagen.';
    });
  };

  private forward = (e: SubmitEvent) => {
    e.preventDefault();
    const serviceId = String(new FormData(e.target as HTMLFormElement).get('receiver') ?? '');
    if (!serviceId) return void (this.error = 'Kies de organisatie waar de melding heen gaat.');
    void this.run(async () => {
      const r = await staffCall<{ organisation: string }>('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/forward`, {
        serviceId,
      });
      await this.open(this.detail!.id);
      this.message = `Doorgestuurd naar ${r.organisation}. De melder ziet nu dat ${r.organisation} de melding heeft.`;
    });
  };

  private select(name: string, label: string, options: Record<string, string>, all = true) {
    const current = this.filter.get(name) ?? '';
    return html`<div>
      <label class="block" for=${`f-${name}`}>${label}</label>
      <select id=${`f-${name}`} name=${name}>
        ${all ? html`<option value="">Alle</option>` : nothing}
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
          ${this.select('sort', 'Volgorde', SORT, false)}
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
                    <th scope="col">Wacht</th>
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
                        <td>${r.status === 'afgerond' ? '–' : waited(r.createdAt)}</td>
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
                    ? html`<dt>Ontvanger</dt>
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
              <h3>Interne aantekeningen (${d.notes.length})</h3>
              <p class="hint">Alleen voor behandelaars. De melder ziet dit niet.</p>
              ${d.notes.map((n) => html`<div class="note">${n.text} <span class="hint">(${n.by}, ${time(n.at)})</span></div>`)}
              <form @submit=${this.addNote} novalidate>
                <label class="block" for="note">Nieuwe aantekening</label>
                <textarea id="note" name="note" maxlength="2000"></textarea>
                <div class="actions"><button type="submit">Aantekening opslaan</button></div>
              </form>
              ${
                d.status === 'opgepakt' && d.mine
                  ? html`<form @submit=${this.forward} novalidate>
                      <label class="block" for="receiver">Doorsturen naar</label>
                      <select id="receiver" name="receiver">
                        <option value="">Kies een organisatie</option>
                        ${d.receivers.map((x) => html`<option value=${x.id}>${x.name} – ${x.organisation}</option>`)}
                      </select>
                      <div class="actions"><button type="submit">Doorsturen</button></div>
                    </form>`
                  : nothing
              }
              ${
                d.status === 'opgepakt' && d.mine && this.confirming !== undefined
                  ? html`<div class="notice">
                      <h3 id="cf-h" tabindex="-1">Melding afronden?</h3>
                      <p>Na afronden kunt u de melding niet meer wijzigen. De melder leest op de statuspagina:</p>
                      <p style="white-space: pre-wrap">${this.confirming}</p>
                      <div class="actions">
                        <button type="button" class="primary" @click=${this.confirmClose}>Ja, afronden</button>
                        <button type="button" @click=${() => (this.confirming = undefined)}>Nog niet</button>
                      </div>
                    </div>`
                  : nothing
              }
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
