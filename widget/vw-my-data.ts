// "Mijn gegevens": everything stored about this session, as the resident reads it and as a file to
// keep (AVG inzage); stop staff access; delete it all. The session's own token is the key: whoever
// has this window or the resume code has the session anyway.
import { css, html, nothing } from 'lit';
import type { MyData, StillInCaseSystem } from '../server/api/contract.js';
import { ApiClient, ApiError, type SessionHandle } from './api-client.js';
import type { MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';
import { formatDate } from './vw-resume-code.js';

export class VwMyData extends VwElement {
  static override properties = {
    api: { type: String },
    handle: { attribute: false },
    data: { state: true },
    problem: { state: true },
    confirming: { state: true },
    erased: { state: true },
    revoked: { state: true },
    busy: { state: true },
  };
  static override styles = [
    VwElement.styles,
    css`
      dl {
        margin: 0 0 var(--_space);
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0 0 0.5rem;
      }
      .danger {
        border: 3px solid var(--_invalid);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
    `,
  ];
  declare api: string;
  declare handle: SessionHandle | undefined;
  declare data: MyData | undefined;
  declare problem: string | undefined;
  declare confirming: boolean;
  declare erased: boolean;
  declare revoked: boolean;
  declare busy: boolean;
  /** What erasing could not reach: zaken in a case system (told, not kept). */
  private stillThere: StillInCaseSystem[] = [];
  private download = '';

  constructor() {
    super();
    this.api = '';
    this.confirming = false;
    this.erased = false;
    this.revoked = false;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(() => this.client().myData(this.handle!));
  }

  override disconnectedCallback(): void {
    if (this.download) URL.revokeObjectURL(this.download);
    super.disconnectedCallback();
  }

  private client = () => new ApiClient(this.api || location.origin);

  private async load(get: () => Promise<MyData>): Promise<void> {
    if (!this.handle) return;
    this.busy = true;
    try {
      this.data = await get();
      this.problem = undefined;
      if (this.download) URL.revokeObjectURL(this.download);
      this.download = URL.createObjectURL(new Blob([JSON.stringify(this.data, null, 2)], { type: 'application/json' }));
    } catch (e) {
      this.problem = this.failure(e);
    } finally {
      this.busy = false;
    }
  }

  private failure(e: unknown): string {
    const kind = e instanceof ApiError ? e.kind : 'server';
    return kind === 'network' ? this.t('networkError') : `${this.t('serverError')} ${this.t('callInstead')}`;
  }

  private async revoke() {
    await this.load(() => this.client().revokeStaffAccess(this.handle!));
    if (!this.problem) this.revoked = true;
  }

  private async erase() {
    this.busy = true;
    try {
      this.stillThere = (await this.client().erase(this.handle!)).stillInCaseSystem;
      this.erased = true;
      this.emit('vw-erased');
      await this.focusHeading();
    } catch (e) {
      // A retry after a lost answer finds the session gone: it was deleted the first time.
      if (e instanceof ApiError && e.kind === 'gone') {
        this.erased = true;
        this.emit('vw-erased');
      } else this.problem = this.failure(e);
    } finally {
      this.busy = false;
    }
  }

  private when = (iso: string) =>
    new Date(iso).toLocaleString(this.locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' });
  private channel = (c: string) => (['web', 'telefoon', 'loket', 'wijkcoach'].includes(c) ? this.t(`channel_${c}` as MessageKey) : c);

  override render() {
    if (this.erased)
      return html`<section part="my-data">
        <h2 tabindex="-1" data-heading part="heading">${this.t('myDataErased')}</h2>
        <p>${this.t('myDataErasedNote')}</p>
        ${this.stillThere.map(
          (z) => html`<p>${this.t('stillInCaseSystem', { ref: z.reference, org: z.organisation, id: z.zaakIdentificatie ?? '?' })}</p>`,
        )}
        <div class="actions">
          <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-restart')}>
            ${this.t('restartYes')}
          </button>
        </div>
      </section>`;
    const d = this.data;
    return html`<section part="my-data">
      <h2 tabindex="-1" data-heading part="heading">${this.t('myData')}</h2>
      <p>${this.t('myDataIntro')}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${d ? this.renderData(d) : html`<p role="status">${this.t('loading')}</p>`}
      <div class="actions">
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.t('close')}</button>
      </div>
    </section>`;
  }

  private renderData(d: MyData) {
    const none = html`<p>${this.t('myDataNone')}</p>`;
    return html`<p>${this.t('myDataKept', { date: formatDate(d.session.expiresAt, this.locale) })}</p>
      <p><a href=${this.download} download=${`mijn-gegevens-${d.session.id}.json`}>${this.t('myDataDownload')}</a></p>
      <h3>${this.t('myDataAnswers')}</h3>
      ${
        d.answers.length
          ? html`<dl>
              ${d.answers.map(
                (a) =>
                  html`<dt>${a.question}</dt>
                    <dd>
                      ${a.answer}
                      <span class="hint">${this.t('myDataVia', { channel: this.channel(a.channel), date: this.when(a.at) })}</span>
                    </dd>`,
              )}
            </dl>`
          : none
      }
      <h3>${this.t('myDataStaff')}</h3>
      ${
        d.staffAccess.length
          ? html`<ul>
              ${d.staffAccess.map(
                (s) =>
                  html`<li>
                    ${this.t('myDataStaffEntry', { who: s.by, date: this.when(s.at), channel: this.channel(s.channel) })}
                    ${s.revokedAt ? html`<span class="hint">${this.t('myDataStaffRevoked', { date: this.when(s.revokedAt) })}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
          : html`<p>${this.t('myDataStaffNone')}</p>`
      }
      ${
        d.notes.length
          ? html`<h3>${this.t('myDataNotes')}</h3>
              <ul>
                ${d.notes.map((n) => html`<li>${n.text} <span class="hint">${n.by}, ${this.when(n.at)}</span></li>`)}
              </ul>`
          : nothing
      }
      ${
        d.concerns.length
          ? html`<h3>${this.t('myDataConcerns')}</h3>
              <ul>
                ${d.concerns.map(
                  (k) =>
                    html`<li>
                      ${this.t('concernReference', { ref: k.reference })} ${this.t(`status_${k.status}` as MessageKey)}<br />${k.noticed}
                      ${k.feedback ? html`<br />${k.feedback}` : nothing}
                      ${k.zaakIdentificatie ? html`<br />${this.t('myDataConcernZaak', { id: k.zaakIdentificatie })}` : nothing}
                      ${k.internalNotes ? html`<br /><span class="hint">${this.t('myDataInternalNotes', { n: String(k.internalNotes) })}</span>` : nothing}
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${d.meldingen.map(
        (m) =>
          html`<h3>${this.t('myDataMelding')}</h3>
            <p>
              ${this.t('myDataMeldingEntry', { ref: m.reference, date: this.when(m.createdAt), channel: this.channel(m.channel) })}
              ${(m.person as { name?: string } | null)?.name ? this.t('myDataMeldingFor', { name: (m.person as { name: string }).name }) : nothing}
            </p>
            ${m.claimedBy ? html`<p>${this.t('myDataMeldingBy', { who: m.claimedBy })}</p>` : nothing}
            ${m.closeNote ? html`<p>${this.t('myDataMeldingNote', { note: m.closeNote })}</p>` : nothing}
            ${m.zaak?.identificatie ? html`<p>${this.t('myDataZaak', { id: m.zaak.identificatie })}</p>` : nothing}`,
      )}
      ${d.coachPlans.map((p) => html`<p>${this.t('myDataPlans', { domain: p.domain })}</p>`)}
      <h3>${this.t('myDataRevoke')}</h3>
      <p class="hint" id="revoke-hint">${this.t('myDataRevokeHint')}</p>
      <div class="actions">
        <button
          type="button"
          part="button"
          aria-describedby="revoke-hint"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => !this.busy && this.revoke()}
        >
          ${this.t('myDataRevoke')}
        </button>
      </div>
      <p role="status">${this.revoked ? this.t('myDataRevoked') : ''}</p>
      <h3>${this.t('myDataErase')}</h3>
      ${
        this.confirming
          ? html`<div class="danger" role="group" aria-labelledby="erase-q">
              <p id="erase-q" tabindex="-1" data-erase-q><strong>${this.t('myDataEraseConfirm')}</strong></p>
              <div class="actions">
                <button type="button" class="primary" part="button button-primary" @click=${() => !this.busy && this.erase()}>
                  ${this.t('myDataEraseYes')}
                </button>
                <button type="button" part="button" @click=${() => (this.confirming = false)}>${this.t('myDataEraseNo')}</button>
              </div>
            </div>`
          : html`<div class="actions">
              <button type="button" part="button" @click=${this.askErase}>${this.t('myDataErase')}</button>
            </div>`
      }`;
  }

  private askErase = async () => {
    this.confirming = true;
    await this.updateComplete;
    // The question first, not the button: two presses of Enter must not delete everything.
    this.renderRoot.querySelector<HTMLElement>('[data-erase-q]')?.focus();
  };
}

customElements.get('vw-my-data') || customElements.define('vw-my-data', VwMyData);
