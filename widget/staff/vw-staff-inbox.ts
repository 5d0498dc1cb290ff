// The concern inbox for behandelaars: filter, open, claim, close with feedback for the reporter.
// The server audits every list, read, claim and close. It sends the inbox a page at a time, most
// urgent and newest first, with the number of reports per status.
import { html, LitElement, nothing } from 'lit';
import { newKey, said, staffCall, time, type Said } from './staff-api.js';
import { formatNumber, StaffLangController } from './staff-lang.js';
import { st, stMaybe, type StaffKey } from './staff-messages.js';
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

/** The filter's values, each with its words in staff-messages (<prefix><value>). */
const ABOUT = { prefix: 'inboxAbout_', values: ['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders'] };
const URGENCY = { prefix: 'urgency_', values: ['dringend', 'binnen-een-week', 'niet-dringend'] };
const STATUS = { prefix: 'status_', values: ['ontvangen', 'opgepakt', 'afgerond'] };
const SORT = { prefix: 'sort_', values: ['urgency', 'oldest'] };
type Options = typeof ABOUT;
const label = (o: Options, value: string) => stMaybe(`${o.prefix}${value}`) ?? value;

/** How long a report has waited, in words: "3 dagen", "5 uur", "minder dan een uur". */
function waited(iso: string): string {
  const hours = Math.floor((Date.now() - Date.parse(iso)) / 3600_000);
  if (hours < 1) return st('waitedUnderHour');
  if (hours < 48) return st('waitedHours', { n: formatNumber(hours) });
  return st('waitedDays', { n: formatNumber(Math.floor(hours / 24)) });
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
  declare error: Said | undefined;
  declare message: Said | undefined;
  /** The feedback waiting for "Ja, afronden": closing cannot be undone. */
  declare confirming: string | undefined;
  /** A note's idempotency key, kept until it is saved: a retry after a lost response stores it once. */
  private noteKey = newKey();
  private filter = new URLSearchParams({ status: 'ontvangen' });

  constructor() {
    super();
    new StaffLangController(this);
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
      this.error = said(e);
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
      this.message = () => st('claimed');
      await this.load();
    });

  private close = (e: SubmitEvent) => {
    e.preventDefault();
    const feedback = String(new FormData(e.target as HTMLFormElement).get('feedback') ?? '').trim();
    if (!feedback) return void (this.error = () => st('feedbackMissing'));
    this.confirming = feedback;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#cf-h')?.focus());
  };

  private confirmClose = () => {
    const feedback = this.confirming!;
    void this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/close`, { feedback });
      this.confirming = undefined;
      await this.open(this.detail!.id);
      this.message = () => st('closedReport');
      await this.load();
    });
  };

  private addNote = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!text) return void (this.error = () => st('noteMissing'));
    void this.run(async () => {
      await staffCall('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/notes`, { text, idempotencyKey: this.noteKey });
      this.noteKey = newKey();
      form.reset();
      await this.open(this.detail!.id);
      this.message = () => st('noteSavedInternal');
    });
  };

  private forward = (e: SubmitEvent) => {
    e.preventDefault();
    const serviceId = String(new FormData(e.target as HTMLFormElement).get('receiver') ?? '');
    if (!serviceId) return void (this.error = () => st('forwardMissing'));
    void this.run(async () => {
      const r = await staffCall<{ organisation: string }>('POST', `/api/staff/concerns/${encodeURIComponent(this.detail!.id)}/forward`, {
        serviceId,
      });
      await this.open(this.detail!.id);
      this.message = () => st('forwarded', { organisation: r.organisation });
    });
  };

  private select(name: string, key: StaffKey, options: Options, all = true) {
    const current = this.filter.get(name) ?? '';
    return html`<div>
      <label class="block" for=${`f-${name}`}>${st(key)}</label>
      <select id=${`f-${name}`} name=${name}>
        ${all ? html`<option value="">${st('filterAll')}</option>` : nothing}
        ${options.values.map((v) => html`<option value=${v} ?selected=${v === current}>${label(options, v)}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const d = this.detail;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message()}</p>` : nothing}</div>
      <form class="panel" @submit=${this.applyFilter} aria-label=${st('filterLabel')}>
        <div class="grid">
          ${this.select('status', 'filterStatus', STATUS)} ${this.select('urgency', 'filterUrgency', URGENCY)}
          ${this.select('about', 'filterAbout', ABOUT)} ${this.select('sort', 'filterSort', SORT, false)}
          <div class="choice">
            <input type="checkbox" id="f-mine" name="mine" value="1" ?checked=${this.filter.get('mine') === '1'} /><label for="f-mine"
              >${st('filterMine')}</label
            >
          </div>
        </div>
        <div class="actions"><button type="submit">${st('filterApply')}</button></div>
      </form>
      <section aria-labelledby="list-h">
        <h2 id="list-h">${st('inboxHeading')}</h2>
        <p>
          ${STATUS.values.map((v) => st('statusCount', { status: label(STATUS, v), n: formatNumber(this.counts[v] ?? 0) })).join(' · ')}
        </p>
        ${
          this.rows.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">${st('colReference')}</th>
                    <th scope="col">${st('colAbout')}</th>
                    <th scope="col">${st('colUrgency')}</th>
                    <th scope="col">${st('colArea')}</th>
                    <th scope="col">${st('colStatus')}</th>
                    <th scope="col">${st('colReceived')}</th>
                    <th scope="col">${st('colWaited')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (r) =>
                      html`<tr>
                        <td><button type="button" class="link" @click=${() => this.open(r.id)}>${r.reference}</button></td>
                        <td>${label(ABOUT, r.about)}</td>
                        <td>${label(URGENCY, r.urgency)}</td>
                        <td>${r.area ?? '–'}</td>
                        <td>${label(STATUS, r.status)}${r.claimedBy ? html` (${r.claimedBy})` : nothing}</td>
                        <td>${time(r.createdAt)}</td>
                        <td>${r.status === 'afgerond' ? '–' : waited(r.createdAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>${st('inboxNone')}</p>`
        }
        ${
          this.next
            ? html`<div class="actions">
                <button type="button" @click=${this.more}>${st('inboxMore')}</button>
                <span class="hint">${st('inboxShown', { n: formatNumber(this.rows.length) })}</span>
              </div>`
            : nothing
        }
      </section>
      ${
        d
          ? html`<section class="panel" aria-labelledby="d-h">
              <h2 id="d-h" tabindex="-1">${st('reportHeading', { reference: d.reference })}</h2>
              <dl>
                <dt>${st('fieldStatus')}</dt>
                <dd class="status">${label(STATUS, d.status)}${d.claimedBy ? ` – ${d.claimedBy}` : ''}</dd>
                <dt>${st('fieldAbout')}</dt>
                <dd>${label(ABOUT, d.about)}</dd>
                <dt>${st('fieldUrgency')}</dt>
                <dd>${label(URGENCY, d.urgency)}</dd>
                <dt>${st('fieldNoticed')}</dt>
                <dd style="white-space: pre-wrap">${d.noticed}</dd>
                <dt>${st('fieldArea')}</dt>
                <dd>${d.area ?? '–'}</dd>
                <dt>${st('fieldReporter')}</dt>
                <dd>${d.reporter ? [d.reporter.name, d.reporter.phone, d.reporter.email].filter(Boolean).join(' · ') : st('anonymous')}</dd>
                ${
                  d.receiver
                    ? html`<dt>${st('fieldReceiver')}</dt>
                        <dd>${d.receiver.name} – ${d.receiver.organisation}</dd>`
                    : nothing
                }
                ${
                  d.feedback
                    ? html`<dt>${st('fieldFeedback')}</dt>
                        <dd>${d.feedback}</dd>`
                    : nothing
                }
              </dl>
              ${d.status === 'ontvangen' ? html`<div class="actions"><button type="button" class="primary" @click=${this.claim}>${st('claim')}</button></div>` : nothing}
              <h3>${st('notesHeading', { n: formatNumber(d.notes.length) })}</h3>
              <p class="hint">${st('notesHint')}</p>
              ${d.notes.map((n) => html`<div class="note">${n.text} <span class="hint">(${n.by}, ${time(n.at)})</span></div>`)}
              <form @submit=${this.addNote} novalidate>
                <label class="block" for="note">${st('noteNew')}</label>
                <textarea id="note" name="note" maxlength="2000"></textarea>
                <div class="actions"><button type="submit">${st('noteSave')}</button></div>
              </form>
              ${
                d.status === 'opgepakt' && d.mine
                  ? html`<form @submit=${this.forward} novalidate>
                      <label class="block" for="receiver">${st('forwardTo')}</label>
                      <select id="receiver" name="receiver">
                        <option value="">${st('handoverChoose')}</option>
                        ${d.receivers.map((x) => html`<option value=${x.id}>${x.name} – ${x.organisation}</option>`)}
                      </select>
                      <div class="actions"><button type="submit">${st('forward')}</button></div>
                    </form>`
                  : nothing
              }
              ${
                d.status === 'opgepakt' && d.mine && this.confirming !== undefined
                  ? html`<div class="notice">
                      <h3 id="cf-h" tabindex="-1">${st('closeConfirmHeading')}</h3>
                      <p>${st('closeConfirmText')}</p>
                      <p style="white-space: pre-wrap">${this.confirming}</p>
                      <div class="actions">
                        <button type="button" class="primary" @click=${this.confirmClose}>${st('closeYes')}</button>
                        <button type="button" @click=${() => (this.confirming = undefined)}>${st('closeNo')}</button>
                      </div>
                    </div>`
                  : nothing
              }
              ${
                d.status === 'opgepakt' && d.mine
                  ? html`<form @submit=${this.close} novalidate>
                      <label class="block" for="feedback">${st('feedbackLabel')}</label>
                      <p class="hint" id="fb-hint">${st('feedbackHint')}</p>
                      <textarea id="feedback" name="feedback" maxlength="2000" aria-describedby="fb-hint"></textarea>
                      <div class="actions"><button type="submit" class="primary">${st('closeReport')}</button></div>
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
