// The staff page shell: heading, navigation for the member's role, sign-out, and the view that
// belongs to the path (the server already refused the page to a role that may not see it).
import { html, LitElement, nothing } from 'lit';
import { bindAccount } from './idb.js';
import { signOut } from './sign-out.js';
import { staffCall } from './staff-api.js';
import { staffStyles } from './staff-styles.js';
import './vw-staff-console.js';
import './vw-staff-inbox.js';
import './vw-staff-idle.js';
import './vw-staff-login.js';
import './vw-staff-meldingen.js';

export interface Me {
  name: string;
  displayName: string;
  role: string;
  oidc?: boolean;
  idleTimeoutMs?: number;
}

const LINKS: { href: string; label: string; roles: string[] }[] = [
  { href: '/staff', label: 'Console telefoon / loket', roles: ['medewerker', 'wijkcoach', 'beheerder'] },
  { href: '/staff/concerns', label: 'Zorgmeldingen', roles: ['behandelaar', 'beheerder'] },
  { href: '/staff/meldingen', label: 'Wmo-meldingen', roles: ['behandelaar', 'beheerder'] },
  { href: '/coach', label: 'Keukentafel', roles: ['wijkcoach', 'beheerder'] },
];

export class VwStaffApp extends LitElement {
  static override properties = { me: { state: true }, heading: { type: String } };
  static override styles = staffStyles;
  declare me: Me | undefined;
  declare heading: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (location.pathname !== '/staff/login')
      staffCall<Me>('GET', '/api/staff/me').then(
        (me) => {
          bindAccount(me.name); // so that signing out here can count the coach's unsent answers
          this.me = me;
        },
        () => location.assign('/staff/login'),
      );
  }

  private logout = () => void signOut();

  protected view() {
    switch (location.pathname) {
      case '/staff/login':
        return { title: 'Vraagwijzer voor medewerkers', body: html`<vw-staff-login></vw-staff-login>` };
      case '/staff/concerns':
        return { title: 'Zorgmeldingen', body: html`<vw-staff-inbox></vw-staff-inbox>` };
      case '/staff/meldingen':
        return { title: 'Wmo-meldingen', body: html`<vw-staff-meldingen></vw-staff-meldingen>` };
      default:
        return { title: 'Console telefoon en loket', body: html`<vw-staff-console></vw-staff-console>` };
    }
  }

  override render() {
    const v = this.view();
    return staffFrame(v.title, this.me, this.logout, v.body);
  }
}

/** Header, navigation and main landmark shared by the staff pages and the coach page. */
export function staffFrame(title: string, me: Me | undefined, logout: () => void, body: unknown) {
  return html`<div class="page">
    <header class="no-print">
      ${
        me
          ? html`<nav aria-label="Staf">
              <ul style="display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0">
                ${LINKS.filter((l) => l.roles.includes(me.role)).map((l) => html`<li><a href=${l.href} aria-current=${location.pathname === l.href ? 'page' : 'false'}>${l.label}</a></li>`)}
                <li>${me.displayName} (${me.role}) <button type="button" class="link" @click=${logout}>Uitloggen</button></li>
              </ul>
            </nav>`
          : nothing
      }
    </header>
    <main>
      <h1>${title}</h1>
      ${body}
    </main>
    ${me ? html`<vw-staff-idle .me=${me}></vw-staff-idle>` : nothing}
  </div>`;
}

customElements.get('vw-staff-app') || customElements.define('vw-staff-app', VwStaffApp);
