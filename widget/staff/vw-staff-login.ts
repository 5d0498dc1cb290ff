// Sign-in with a local account (and, when configured, the municipality's identity provider).
import { html, LitElement, nothing } from 'lit';
import { said, staffCall, StaffApiError, type Said } from './staff-api.js';
import { StaffLangController } from './staff-lang.js';
import { st } from './staff-messages.js';
import { staffStyles } from './staff-styles.js';

const HOME: Record<string, string> = { medewerker: '/staff', beheerder: '/staff', wijkcoach: '/coach', behandelaar: '/staff/concerns' };

export class VwStaffLogin extends LitElement {
  static override properties = {
    error: { state: true },
    busy: { state: true },
    oidc: { state: true },
    inline: { type: Boolean },
    name: { attribute: false },
  };
  static override styles = staffStyles;
  declare error: Said | undefined;
  declare busy: boolean;
  declare oidc: boolean;
  /** Inside the page (after an idle logout): stay, and tell the page with "vw-staff-signed-in". */
  declare inline: boolean;
  /** Prefilled in inline mode: the member who was signed in. */
  declare name: string;

  constructor() {
    super();
    new StaffLangController(this);
    this.inline = false;
    this.name = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    staffCall<{ oidc: boolean }>('GET', '/api/staff/login-options').then(
      (o) => (this.oidc = o.oidc),
      () => undefined,
    );
  }

  private submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (!String(data.get('name') ?? '').trim() || !data.get('password')) return void (this.error = () => st('loginMissing'));
    this.busy = true;
    try {
      const me = await staffCall<{ name: string; role: string }>('POST', '/api/staff/login', {
        name: String(data.get('name')),
        password: String(data.get('password')),
      });
      if (this.inline) return void this.dispatchEvent(new CustomEvent('vw-staff-signed-in', { detail: me, bubbles: true, composed: true }));
      const next = new URLSearchParams(location.search).get('next');
      // Only a path on this server: never an open redirect.
      location.assign(next && /^\/(staff|coach)(\/[a-z]*)?$/.test(next) ? next : (HOME[me.role] ?? '/staff'));
    } catch (err) {
      const s = (err as StaffApiError).status;
      this.error =
        s === 401
          ? () => st('loginWrong')
          : (err as StaffApiError).problem?.code === 'account-locked'
            ? said(err)
            : s === 429
              ? () => st('loginTooMany')
              : s === 0
                ? () => st('loginOffline')
                : said(err);
    } finally {
      this.busy = false;
    }
  };

  override render() {
    return html`<section class="panel" aria-labelledby="login-h">
      <h2 id="login-h">${st('loginHeading')}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <label class="block" for="name">${st('loginName')}</label>
        <input type="text" id="name" name="name" autocomplete="username" required .value=${this.name} />
        <label class="block" for="password">${st('loginPassword')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${st('loginSubmit')}</button>
        </div>
      </form>
      ${this.oidc ? html`<p><a href="/staff/oidc/login">${st('loginOidc')}</a></p>` : nothing}
    </section>`;
  }
}

customElements.get('vw-staff-login') || customElements.define('vw-staff-login', VwStaffLogin);
