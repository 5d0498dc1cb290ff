// The staff session ends after a spell without requests (auth.ts, 30 minutes by default). WCAG
// 2.2.1: warn before it ends and let one key press extend it; when it has ended, sign in again in
// a dialog on top of the page, so that nothing typed is lost, and say so in the staff UI language –
// never the server's developer message. Typing or clicking after a quiet spell counts as activity too.
import { html, LitElement, nothing } from 'lit';
import { STAFF_ACTIVITY, STAFF_SIGNED_OUT, staffCall } from './staff-api.js';
import { formatNumber, StaffLangController } from './staff-lang.js';
import { st } from './staff-messages.js';
import { staffStyles } from './staff-styles.js';
import './vw-staff-login.js';

export interface IdleAccount {
  name: string;
  oidc?: boolean;
  idleTimeoutMs?: number;
}

const WARN_BEFORE_MS = 2 * 60_000;
/** Input after this long without a request restarts the server's idle clock. */
const NUDGE_AFTER_MS = 5 * 60_000;

export class VwStaffIdle extends LitElement {
  static override properties = { me: { attribute: false }, phase: { state: true } };
  static override styles = staffStyles;
  declare me: IdleAccount | undefined;
  declare phase: 'active' | 'warning' | 'signed-out';
  private last = Date.now();
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Where focus was when a dialog opened: it goes back there once the dialog closes. */
  private returnTo: HTMLElement | null = null;

  constructor() {
    super();
    new StaffLangController(this);
    this.phase = 'active';
  }

  private get idleMs() {
    return this.me?.idleTimeoutMs ?? 30 * 60_000;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(STAFF_ACTIVITY, this.onActivity);
    window.addEventListener(STAFF_SIGNED_OUT, this.onSignedOut);
    document.addEventListener('keydown', this.onInput, true);
    document.addEventListener('pointerdown', this.onInput, true);
    this.schedule();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(STAFF_ACTIVITY, this.onActivity);
    window.removeEventListener(STAFF_SIGNED_OUT, this.onSignedOut);
    document.removeEventListener('keydown', this.onInput, true);
    document.removeEventListener('pointerdown', this.onInput, true);
    this.timers.forEach(clearTimeout);
    super.disconnectedCallback();
  }

  private schedule() {
    this.timers.forEach(clearTimeout);
    const lead = Math.min(WARN_BEFORE_MS, this.idleMs / 2);
    const since = Date.now() - this.last;
    this.timers = [
      setTimeout(() => this.open('warning'), Math.max(0, this.idleMs - lead - since)),
      // Just after the end: ask the server (another tab may have kept the session alive).
      setTimeout(() => void this.stayOrGo(), Math.max(0, this.idleMs + 1_000 - since)),
    ];
  }

  private onActivity = () => {
    this.last = Date.now();
    if (this.phase === 'warning') this.close();
    if (this.phase !== 'signed-out') this.schedule();
  };

  private onSignedOut = () => this.open('signed-out');

  private onInput = () => {
    if (this.phase === 'active' && Date.now() - this.last > NUDGE_AFTER_MS) void this.stayOrGo();
  };

  /** GET /api/staff/me restarts the idle clock, or answers 401 (then STAFF_SIGNED_OUT fires). */
  private async stayOrGo() {
    await staffCall('GET', '/api/staff/me').catch(() => undefined);
  }

  private async open(phase: 'warning' | 'signed-out') {
    if (this.phase === phase || this.phase === 'signed-out') return;
    if (this.phase === 'active') this.returnTo = deepActive();
    this.phase = phase;
    if (phase === 'signed-out') this.timers.forEach(clearTimeout);
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    (this.renderRoot.querySelector('[data-first]') as HTMLElement | null)?.focus();
  }

  private close() {
    this.renderRoot.querySelector('dialog')?.close();
    this.phase = 'active';
    this.returnTo?.focus();
    this.returnTo = null;
  }

  private signedIn = (e: CustomEvent<{ name: string }>) => {
    if (e.detail.name !== this.me?.name) {
      // Someone else at this desk: what was on the page belongs to the colleague, not to them.
      sessionStorage.clear();
      return location.assign(location.pathname);
    }
    this.last = Date.now();
    this.close();
    this.schedule();
  };

  override render() {
    if (this.phase === 'active') return nothing;
    const minutes = Math.round(this.idleMs / 60_000);
    if (this.phase === 'warning')
      return html`<dialog role="alertdialog" aria-labelledby="idle-h" aria-describedby="idle-p" @cancel=${() => void this.stayOrGo()}>
        <h2 id="idle-h">${st('idleWarningHeading')}</h2>
        <p id="idle-p">
          ${st('idleWarning', {
            minutes: formatNumber(minutes),
            left: formatNumber(Math.max(1, Math.round(Math.min(WARN_BEFORE_MS, this.idleMs / 2) / 60_000))),
          })}
        </p>
        <div class="actions">
          <button type="button" class="primary" data-first @click=${() => void this.stayOrGo()}>${st('idleStay')}</button>
        </div>
      </dialog>`;
    return html`<dialog aria-labelledby="out-h" aria-describedby="out-p" @cancel=${(e: Event) => e.preventDefault()}>
      <h2 id="out-h" tabindex="-1" data-first>${st('idleOutHeading')}</h2>
      <p id="out-p">${st('idleOut', { minutes: formatNumber(minutes) })}</p>
      ${
        this.me?.oidc
          ? html`<p>
              <a href="/staff/oidc/login" target="_blank" rel="noopener">${st('idleOidc')}</a>${st('idleOidcThen')}
              <button type="button" @click=${() => void this.checkBack()}>${st('idleBack')}</button>
            </p>`
          : nothing
      }
      <vw-staff-login inline .name=${this.me?.name ?? ''} @vw-staff-signed-in=${this.signedIn}></vw-staff-login>
    </dialog>`;
  }

  /** After signing in with the identity provider in another tab. */
  private async checkBack() {
    const me = await staffCall<{ name: string }>('GET', '/api/staff/me').catch(() => undefined);
    if (me) this.signedIn(new CustomEvent('vw-staff-signed-in', { detail: me }));
  }
}

function deepActive(): HTMLElement | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a as HTMLElement | null;
}

customElements.get('vw-staff-idle') || customElements.define('vw-staff-idle', VwStaffIdle);
