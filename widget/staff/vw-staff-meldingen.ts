// The Wmo meldingen inbox (behandelaar): what residents and medewerkers sent, where it stands in
// the municipality's case system, and – without one, or when registration failed – claim, close
// and retry. The server audits every list, read and change.
import { html, LitElement, nothing } from 'lit';
import type { MeldingSummaryView } from '../../server/api/melding-contract.js';
import { channelLabel, said, staffCall, time, type Said } from './staff-api.js';
import { formatNumber, StaffLangController } from './staff-lang.js';
import { st, stMaybe } from './staff-messages.js';
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

const status = (s: string) => stMaybe(`status_${s}`) ?? s;
/** What the registration state means for the behandelaar, and what to do (zgw_<state> in staff-messages). */
const zgw = (s: string) => stMaybe(`zgw_${s}`) ?? s;
const when = (s: string) => stMaybe(`when_${s}`) ?? s;

export class VwStaffMeldingen extends LitElement {
  static override properties = { rows: { state: true }, detail: { state: true }, error: { state: true }, message: { state: true } };
  static override styles = staffStyles;
  declare rows: Row[];
  declare detail: Detail | undefined;
  declare error: Said | undefined;
  declare message: Said | undefined;

  constructor() {
    super();
    new StaffLangController(this);
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
      this.error = said(e);
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

  private act(path: string, done: Said, body?: unknown) {
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
    if (!note) return void (this.error = () => st('meldingNoteMissing'));
    void this.act('close', () => st('meldingClosed'), { note });
  };

  override render() {
    return html`
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message()}</p>` : nothing}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      <section class="panel" aria-labelledby="l-h">
        <h2 id="l-h">${st('meldingenHeading', { n: formatNumber(this.rows.length) })}</h2>
        <p><a href="/api/staff/meldingen/export" download="meldingen.csv">${st('meldingenExport')}</a></p>
        ${
          this.rows.length
            ? html`<table>
                <caption class="visually-hidden">
                  ${st('meldingenCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${st('colReference')}</th>
                    <th scope="col">${st('colReceived')}</th>
                    <th scope="col">${st('colVia')}</th>
                    <th scope="col">${st('colStatus')}</th>
                    <th scope="col">${st('colCaseSystem')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (r) =>
                      html`<tr>
                        <td><button type="button" class="link" @click=${() => this.open(r.id)}>${r.reference}</button></td>
                        <td>${time(r.createdAt)}</td>
                        <td>${channelLabel(r.channel)}${r.madeBy ? ` (${r.madeBy})` : ''}</td>
                        <td>${status(r.status)}${r.claimedBy ? ` – ${r.claimedBy}` : ''}</td>
                        <td>${r.zgw ? `${r.zgw.zaakIdentificatie ?? ''} ${zgw(r.zgw.status)}` : st('noCaseSystem')}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>${st('meldingenNone')}</p>`
        }
      </section>
      ${this.detail ? this.renderDetail(this.detail) : nothing}
    `;
  }

  private renderDetail(d: Detail) {
    const nummer = `${d.person.huisnummer}${d.person.huisletter ?? ''}${d.person.toevoeging ? `-${d.person.toevoeging}` : ''}`;
    const retry = d.zgw && (d.zgw.status === 'mislukt' || d.zgw.status === 'opnieuw-proberen');
    return html`<section class="panel" aria-labelledby="m-h">
      <h2 id="m-h" tabindex="-1">${st('reportHeading', { reference: d.reference })}</h2>
      <p>
        ${st('meldingReceived', { status: status(d.status), at: time(d.createdAt), channel: channelLabel(d.channel) })}${
          d.madeBy ? ` ${st('meldingBy', { by: d.madeBy })}` : ''
        }
        · ${d.forWhom === 'zelf' ? st('meldingForSelf') : st('meldingForOther')}
      </p>
      ${d.consentText ? html`<p>${st('meldingConsent', { text: d.consentText })}</p>` : nothing}
      <dl>
        <dt>${st('fieldName')}</dt>
        <dd>${d.person.name}</dd>
        <dt>${st('fieldAddress')}</dt>
        <dd>${d.person.postcode} ${nummer}</dd>
        ${
          d.contact.name
            ? html`<dt>${st('fieldContact')}</dt>
                <dd>${d.contact.name}</dd>`
            : nothing
        }
        ${
          d.contact.phone
            ? html`<dt>${st('fieldPhone')}</dt>
                <dd>${d.contact.phone}</dd>`
            : nothing
        }
        ${
          d.contact.email
            ? html`<dt>${st('fieldEmail')}</dt>
                <dd>${d.contact.email}</dd>`
            : nothing
        }
        <dt>${st('fieldReachable')}</dt>
        <dd>${when(d.contact.when)}</dd>
      </dl>
      <h3>${st('meldingAnswers')}</h3>
      <dl>
        ${d.summary.answers.map(
          (a) =>
            html`<dt>${a.question}</dt>
              <dd>${a.answer}</dd>`,
        )}
      </dl>
      <p>
        <a href=${`/api/staff/meldingen/${encodeURIComponent(d.id)}/pdf`} download=${`melding-${d.reference}.pdf`}>${st('meldingPdf')}</a>
      </p>
      ${
        d.zgw
          ? html`<p>
              ${st('caseSystem')}
              ${zgw(d.zgw.status)}${d.zgw.zaakIdentificatie ? html` – ${st('caseNumber')} <strong>${d.zgw.zaakIdentificatie}</strong>` : nothing}
              ${d.zgw.lastError ? html`<br />${st('lastError', { n: formatNumber(d.zgw.attempts) })} ${d.zgw.lastError}` : nothing}
            </p>`
          : nothing
      }
      <div class="actions">
        ${
          retry
            ? html`<button type="button" @click=${() => this.act('zgw-retry', () => st('retriedZgw'))}>${st('retryZgw')}</button>`
            : nothing
        }
        ${
          d.status === 'ontvangen'
            ? html`<button type="button" class="primary" @click=${() => this.act('claim', () => st('meldingClaimed'))}>
                ${st('claim')}
              </button>`
            : nothing
        }
      </div>
      ${
        d.status === 'opgepakt'
          ? html`<form @submit=${this.close} novalidate>
              <label class="block" for="m-note">${st('meldingDoneLabel')}</label>
              <textarea id="m-note" name="note" maxlength="2000"></textarea>
              <div class="actions"><button type="submit">${st('closeReport')}</button></div>
            </form>`
          : nothing
      }
      ${d.closeNote ? html`<p>${st('meldingClosedNote', { note: d.closeNote })}</p>` : nothing}
    </section>`;
  }
}

customElements.get('vw-staff-meldingen') || customElements.define('vw-staff-meldingen', VwStaffMeldingen);
