// The phone / loket console: start a session for a caller, or continue the resident's own
// session by its resume code after reading the consent text out (the server records the consent).
import { html, LitElement, nothing } from 'lit';
import type { CreatedSession } from '../../server/api/contract.js';
import { channelLabel, gemeenteOf, said, staffCall, time, type Said } from './staff-api.js';
import { formatNumber, StaffLangController } from './staff-lang.js';
import { st } from './staff-messages.js';
import { staffStyles } from './staff-styles.js';
import './vw-staff-session.js';
import type { StaffHandle } from './vw-staff-session.js';

interface TreeInfo {
  id: string;
  /** Always the tree's Dutch title (the server's choice): marked lang="nl" on an English page. */
  title: string;
  door: string;
}

interface MySession {
  id: string;
  title: string;
  channel: string;
  openedAt: string;
  updatedAt: string;
  answers: number;
  done: boolean;
}

const STORE = 'vw-staff-console';
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class VwStaffConsole extends LitElement {
  static override properties = {
    trees: { state: true },
    texts: { state: true },
    handle: { state: true },
    channel: { state: true },
    error: { state: true },
    kccPhone: { state: true },
    mine: { state: true },
    consentLang: { state: true },
  };
  static override styles = staffStyles;
  declare trees: TreeInfo[];
  declare texts: { resume: string; handover: string } | undefined;
  declare handle: StaffHandle | undefined;
  declare channel: 'telefoon' | 'loket';
  declare error: Said | undefined;
  /** The contact centre's number of the trees' municipality, for the channel label. */
  declare kccPhone: string | undefined;
  /** The member's own sessions of today, to pick a call up again. */
  /** Undefined until the list has loaded: an empty list before then would say "no sessions" falsely. */
  declare mine: MySession[] | undefined;
  /** The language the resume consent is read out in (and recorded in). */
  declare consentLang: 'nl' | 'en';

  constructor() {
    super();
    new StaffLangController(this);
    this.trees = [];
    this.mine = undefined;
    this.consentLang = 'nl';
    this.channel = 'telefoon';
    // The tab keeps its open conversation over a reload; closing the tab forgets it.
    const saved = sessionStorage.getItem(STORE);
    if (saved)
      ({ handle: this.handle, channel: this.channel } = JSON.parse(saved) as { handle: StaffHandle; channel: 'telefoon' | 'loket' });
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    try {
      [this.trees, this.texts] = await Promise.all([
        staffCall<TreeInfo[]>('GET', '/api/staff/trees'),
        staffCall<{ resume: string; handover: string }>('GET', '/api/staff/consent-texts'),
      ]);
    } catch (e) {
      this.error = said(e);
    }
    if (this.trees[0]) this.kccPhone = (await gemeenteOf(this.trees[0].id))?.kcc.phone;
    await this.loadMine();
  }

  private async loadMine() {
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    const r = await staffCall<{ items: MySession[] }>(
      'GET',
      `/api/staff/my-sessions?since=${encodeURIComponent(today.toISOString())}`,
    ).catch(() => undefined);
    // A failed load shows an empty list rather than "loading" forever; the next visit tries again.
    this.mine = r?.items ?? [];
  }

  private reopen = async (item: MySession) => {
    try {
      this.error = undefined;
      const opened = await staffCall<CreatedSession>('POST', `/api/staff/sessions/${encodeURIComponent(item.id)}/open`);
      this.open(opened, item.channel === 'loket' ? 'loket' : 'telefoon');
    } catch (err) {
      this.error = said(err);
    }
  };

  private open(created: CreatedSession, channel: 'telefoon' | 'loket') {
    this.handle = { id: created.id, token: created.token };
    this.channel = channel;
    sessionStorage.setItem(STORE, JSON.stringify({ handle: this.handle, channel }));
  }

  private start = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const channel = String(data.get('channel')) as 'telefoon' | 'loket';
    try {
      this.error = undefined;
      this.open(await staffCall<CreatedSession>('POST', '/api/staff/sessions', { tree: String(data.get('tree')), channel }), channel);
    } catch (err) {
      this.error = said(err);
    }
  };

  private resume = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const channel = String(data.get('channel')) as 'telefoon' | 'loket';
    if (!data.get('consent')) return void (this.error = () => st('consentMissing'));
    try {
      this.error = undefined;
      // One field: the resume code, a concern reference (VW-…) or the plan number of a printed plan.
      this.open(
        await staffCall<CreatedSession>('POST', '/api/staff/find', {
          query: String(data.get('code')).trim(),
          channel,
          consent: true,
          consentLocale: this.consentLang,
        }),
        channel,
      );
    } catch (err) {
      this.error = said(err);
    }
  };

  private setConsentLang = async (lang: 'nl' | 'en') => {
    this.consentLang = lang;
    const texts = await staffCall<{ resume: string; handover: string }>('GET', `/api/staff/consent-texts?lang=${lang}`).catch(
      () => undefined,
    );
    if (texts) this.texts = { ...texts, handover: this.texts?.handover ?? texts.handover };
  };

  private close = () => {
    this.handle = undefined;
    sessionStorage.removeItem(STORE);
    void this.loadMine();
  };

  private channelChoice(prefix: string) {
    return html`<fieldset>
      <legend class="block">${st('channel')}</legend>
      <div class="choice">
        <input type="radio" id=${`${prefix}-tel`} name="channel" value="telefoon" checked /><label for=${`${prefix}-tel`}
          >${capitalise(channelLabel('telefoon', this.kccPhone))}</label
        >
      </div>
      <div class="choice">
        <input type="radio" id=${`${prefix}-loket`} name="channel" value="loket" /><label for=${`${prefix}-loket`}
          >${st('channelDesk')}</label
        >
      </div>
    </fieldset>`;
  }

  override render() {
    if (this.handle) {
      return html`<div class="actions no-print"><button type="button" @click=${this.close}>${st('closeSession')}</button></div>
        <vw-staff-session .handle=${this.handle} channel=${this.channel} .consentTexts=${this.texts}></vw-staff-session>`;
    }
    return html`${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      <div class="grid">
        <section class="panel" aria-labelledby="resume-h">
          <h2 id="resume-h">${st('resumeHeading')}</h2>
          <p>${st('resumeIntro')}</p>
          <form @submit=${this.resume} novalidate>
            <label class="block" for="code">${st('resumeCode')}</label>
            <p class="hint" id="code-hint">${st('resumeCodeHint')}</p>
            <input type="text" id="code" name="code" autocomplete="off" spellcheck="false" maxlength="40" aria-describedby="code-hint" />
            ${this.channelChoice('r')}
            <fieldset>
              <legend class="block">${st('consentIn')}</legend>
              ${(['nl', 'en'] as const).map(
                (l) =>
                  html`<div class="choice">
                    <input
                      type="radio"
                      id=${`cl-${l}`}
                      name="consent-lang"
                      value=${l}
                      ?checked=${this.consentLang === l}
                      @change=${() => this.setConsentLang(l)}
                    /><label for=${`cl-${l}`} lang=${l}>${l === 'nl' ? 'Nederlands' : 'English'}</label>
                  </div>`,
              )}
            </fieldset>
            <p class="consent" lang=${this.consentLang}>${this.texts?.resume ?? ''}</p>
            <div class="choice">
              <input type="checkbox" id="consent" name="consent" value="yes" /><label for="consent">${st('consentGiven')}</label>
            </div>
            <div class="actions"><button type="submit" class="primary">${st('openSession')}</button></div>
          </form>
        </section>
        <section class="panel" aria-labelledby="start-h">
          <h2 id="start-h">${st('startHeading')}</h2>
          <form @submit=${this.start} novalidate>
            <label class="block" for="tree">${st('topic')}</label>
            <select id="tree" name="tree">
              ${this.trees.map((t) => html`<option value=${t.id} lang="nl">${t.title} (${t.id})</option>`)}
            </select>
            ${this.channelChoice('s')}
            <div class="actions"><button type="submit" class="primary">${st('startSession')}</button></div>
          </form>
        </section>
      </div>
      <section class="panel" aria-labelledby="mine-h">
        <h2 id="mine-h">${this.mine ? st('mineHeadingCount', { n: formatNumber(this.mine.length) }) : st('mineHeading')}</h2>
        ${
          !this.mine
            ? html`<p role="status">${st('mineLoading')}</p>`
            : this.mine.length
              ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${st('colTopic')}</th>
                      <th scope="col">${st('colChannel')}</th>
                      <th scope="col">${st('colOpened')}</th>
                      <th scope="col">${st('colUpdated')}</th>
                      <th scope="col">${st('colState')}</th>
                      <th scope="col"><span class="visually-hidden">${st('colOpen')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.mine.map(
                      (m) =>
                        html`<tr>
                          <td lang="nl">${m.title}</td>
                          <td>${channelLabel(m.channel, this.kccPhone)}</td>
                          <td>${time(m.openedAt)}</td>
                          <td>${time(m.updatedAt)}</td>
                          <td>${m.done ? st('stateDone') : st('stateBusy', { n: formatNumber(m.answers) })}</td>
                          <td>
                            <button type="button" class="link" @click=${() => this.reopen(m)}>
                              ${st('open')}<span class="visually-hidden"> – <span lang="nl">${m.title}</span>, ${time(m.openedAt)}</span>
                            </button>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p>${st('mineNone')}</p>`
        }
      </section>`;
  }
}

customElements.get('vw-staff-console') || customElements.define('vw-staff-console', VwStaffConsole);
