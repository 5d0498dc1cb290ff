// The staff page shell: heading, navigation for the member's role, sign-out, and the view that
// belongs to the path (the server already refused the page to a role that may not see it).
import { html, LitElement, nothing } from 'lit';
import { bindAccount } from './idb.js';
import { signOut } from './sign-out.js';
import { staffCall } from './staff-api.js';
import { chooseStaffLang, restoreStaffLang, StaffLangController, staffLang } from './staff-lang.js';
import { st, stMaybe, type StaffKey } from './staff-messages.js';
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

const LINKS: { href: string; label: StaffKey; roles: string[] }[] = [
  { href: '/staff', label: 'navConsole', roles: ['medewerker', 'wijkcoach', 'beheerder'] },
  { href: '/staff/concerns', label: 'navConcerns', roles: ['behandelaar', 'beheerder'] },
  { href: '/staff/meldingen', label: 'navMeldingen', roles: ['behandelaar', 'beheerder'] },
  { href: '/coach', label: 'navCoach', roles: ['wijkcoach', 'beheerder'] },
];

export class VwStaffApp extends LitElement {
  static override properties = { me: { state: true }, heading: { type: String } };
  static override styles = staffStyles;
  declare me: Me | undefined;
  declare heading: string | undefined;

  constructor() {
    super();
    new StaffLangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    restoreStaffLang(); // the device's last choice, until the member is known
    if (location.pathname !== '/staff/login')
      staffCall<Me>('GET', '/api/staff/me').then(
        (me) => {
          bindAccount(me.name); // so that signing out here can count the coach's unsent answers
          restoreStaffLang(me.name);
          this.me = me;
        },
        () => location.assign('/staff/login'),
      );
  }

  private logout = () => void signOut();

  /** The switch in the header: the other language, named in itself (as in the resident widget). */
  private switchLang = () => chooseStaffLang(staffLang() === 'nl' ? 'en' : 'nl', this.me?.name);

  protected view() {
    switch (location.pathname) {
      case '/staff/login':
        return { title: st('titleLogin'), body: html`<vw-staff-login></vw-staff-login>` };
      case '/staff/concerns':
        return { title: st('titleConcerns'), body: html`<vw-staff-inbox></vw-staff-inbox>` };
      case '/staff/meldingen':
        return { title: st('titleMeldingen'), body: html`<vw-staff-meldingen></vw-staff-meldingen>` };
      default:
        return { title: st('titleConsole'), body: html`<vw-staff-console></vw-staff-console>` };
    }
  }

  override render() {
    const v = this.view();
    // The static page's own words (staff.html) follow the language too.
    document.title = location.pathname === '/staff/login' ? st('pageTitle') : `${v.title} – ${st('pageTitle')}`;
    const skip = document.querySelector('a.skip');
    if (skip) skip.textContent = st('skipToContent');
    const other = staffLang() === 'nl' ? 'en' : 'nl';
    const tools = html`<button type="button" class="link" lang=${other} @click=${this.switchLang}>${st('switchTo')}</button>`;
    return staffFrame(v.title, this.me, this.logout, v.body, tools);
  }
}

/**
 * Header, navigation and main landmark shared by the staff pages and the coach page; `tools` (the
 * language switch) goes in the header, before sign-in too.
 */
export function staffFrame(title: string, me: Me | undefined, logout: () => void, body: unknown, tools?: unknown) {
  return html`<div class="page">
    <header class="no-print">
      ${
        me
          ? html`<nav aria-label=${st('navLabel')}>
              <ul style="display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0">
                ${LINKS.filter((l) => l.roles.includes(me.role)).map((l) => html`<li><a href=${l.href} aria-current=${location.pathname === l.href ? 'page' : 'false'}>${st(l.label)}</a></li>`)}
                <li>
                  ${st('signedInAs', { name: me.displayName, role: roleName(me.role) })}
                  <button type="button" class="link" @click=${logout}>${st('signOut')}</button>
                </li>
                ${tools ? html`<li>${tools}</li>` : nothing}
              </ul>
            </nav>`
          : tools
            ? html`<p>${tools}</p>`
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

const roleName = (role: string) => stMaybe(`role_${role}`) ?? role;

customElements.get('vw-staff-app') || customElements.define('vw-staff-app', VwStaffApp);
