// The language of the staff pages' own UI (not the resident-facing texts: those follow the caller's
// language in the session view). Kept in localStorage, per staff member and for the device's last
// choice: it is a display preference, it must work on the sign-in page before anyone is known, and
// it needs no account field in two database backends. Nothing about residents is stored with it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const STAFF_LANGUAGES = ['nl', 'en'] as const;
type StaffLang = (typeof STAFF_LANGUAGES)[number];

/** The device's last choice (used on the sign-in page) and, with ":<account>", each member's own. */
const KEY = 'vw-staff-lang';
/** On window: the staff UI language changed; every staff element renders again. */
const STAFF_LANG_CHANGED = 'vw-staff-lang-changed';

const isLang = (v: string | null | undefined): v is StaffLang => (STAFF_LANGUAGES as readonly string[]).includes(v ?? '');

// Dutch until a page opts in (the coach page does not yet: its own texts are Dutch only).
let current: StaffLang = 'nl';

export function staffLang(): StaffLang {
  return current;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the choice lasts until the page closes
  }
}

function apply(lang: StaffLang) {
  current = lang;
  document.documentElement.lang = lang;
  window.dispatchEvent(new Event(STAFF_LANG_CHANGED));
}

/** The stored choice of `account` (or the device's last choice), applied to the page and <html lang>. */
export function restoreStaffLang(account?: string): void {
  const own = account ? read(`${KEY}:${account}`) : null;
  const lang = isLang(own) ? own : read(KEY);
  apply(isLang(lang) ? lang : 'nl');
}

/** The member switched: the page follows at once and the choice is kept for them and for this device. */
export function chooseStaffLang(lang: StaffLang, account?: string): void {
  try {
    localStorage.setItem(KEY, lang);
    if (account) localStorage.setItem(`${KEY}:${account}`, lang);
  } catch {
    // storage blocked: the page still switches
  }
  apply(lang);
}

/** Renders its element again when the staff UI language changes. */
export class StaffLangController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  private readonly changed = () => this.host.requestUpdate();
  hostConnected(): void {
    window.addEventListener(STAFF_LANG_CHANGED, this.changed);
  }
  hostDisconnected(): void {
    window.removeEventListener(STAFF_LANG_CHANGED, this.changed);
  }
}

const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A moment as staff read it, in `lang` (the UI language unless a resident-facing part says otherwise). */
export function formatTime(iso: string, lang: string = current): string {
  return new Date(iso).toLocaleString(LOCALES[lang] ?? 'nl-NL', { dateStyle: 'short', timeStyle: 'short' });
}

export function formatNumber(n: number, lang: string = current): string {
  return n.toLocaleString(LOCALES[lang] ?? 'nl-NL');
}
