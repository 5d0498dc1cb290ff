// The staff pages' door to /api/staff: same-origin cookies, and the CSRF cookie echoed in a header
// on every change (the double-submit the server checks).
import type { GemeenteView, ProblemDetails } from '../../server/api/contract.js';

/**
 * The server's problem details are written for developers, in English; staff read Dutch. The codes
 * a medewerker can meet in normal work get a sentence that says what to do; any other keeps the
 * server's detail after a Dutch lead, so that a beheerder can still look it up.
 */
const STAFF_MESSAGES: Record<string, string> = {
  'staff-login-required':
    'U bent uitgelogd (na 30 minuten zonder activiteit, of elders). Log opnieuw in; wat u had ingevuld, blijft staan.',
  'csrf-token-invalid': 'Uw inlog is vernieuwd in een ander tabblad. Laad deze pagina opnieuw.',
  'role-not-allowed': 'Met uw rol kunt u dit niet doen. Vraag een beheerder om een andere rol.',
  'no-consent-recorded': 'Open dit gesprek eerst met de code en de toestemming van de inwoner, of start het zelf.',
  'version-conflict': 'De inwoner (of een collega) heeft intussen iets veranderd. U ziet nu de actuele stand.',
  'rate-limited': 'Te veel pogingen achter elkaar. Wacht even en probeer het opnieuw.',
  'resume-code-unknown': 'Deze code kennen we niet. Vraag de inwoner de code nog eens langzaam voor te lezen.',
  'resume-code-expired': 'Deze code is verlopen. Start een nieuw gesprek met de inwoner.',
  'unknown-service': 'Deze organisatie staat niet op de sociale kaart. Kies er een uit de lijst.',
  'unknown-step': 'Deze stap hoort niet bij het gesprek. Kies een stap uit het verloop.',
  'step-not-answered': 'Deze vraag is (nog) niet beantwoord. Kies een vraag uit het verloop.',
  'concern-already-claimed': 'Een collega heeft deze melding al opgepakt.',
  'concern-unknown': 'Geen zorgmelding met dit kenmerk. Vraag de beller het kenmerk nog eens voor te lezen.',
  'concern-without-session': 'Deze zorgmelding is zonder gesprek gedaan: er zijn geen antwoorden om te openen.',
  'session-not-found': 'Geen gesprek met deze code, dit kenmerk of dit plannummer. Controleer wat de beller voorleest.',
  'session-expired': 'Dit gesprek bestaat niet meer. Start een nieuw gesprek.',
};

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails & Record<string, unknown>,
  ) {
    super(
      status === 0
        ? 'Geen verbinding met de server.'
        : ((problem?.code && STAFF_MESSAGES[problem.code]) ??
            `Dit lukte niet (fout ${status}${problem?.code ? `, ${problem.code}` : ''}).${problem?.detail ? ` ${problem.detail}` : ''}`),
    );
    this.name = 'StaffApiError';
  }
  /** The staff session has ended: the page asks to sign in again and keeps what was typed. */
  get signedOut(): boolean {
    return this.status === 401 && this.problem?.code === 'staff-login-required';
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

export function csrfToken(): string {
  const m = /(?:^|;\s*)(?:__Host-)?vw_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

export async function staffCall<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET') h['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? null : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new StaffApiError(0);
  }
  // The server's idle clock restarts with every request it answers (auth.ts): so does the page's.
  if (res.status !== 401 && !headers[BACKGROUND]) window.dispatchEvent(new Event(STAFF_ACTIVITY));
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => undefined)) as unknown;
  if (res.ok) return json as T;
  const err = new StaffApiError(
    res.status,
    json && typeof json === 'object' ? (json as ProblemDetails & Record<string, unknown>) : undefined,
  );
  if (err.signedOut) window.dispatchEvent(new Event(STAFF_SIGNED_OUT));
  throw err;
}

/** On window: a staff request was answered (the idle clock restarts) / the staff session had ended. */
export const STAFF_ACTIVITY = 'vw-staff-activity';
export const STAFF_SIGNED_OUT = 'vw-staff-signed-out';
/** A request the page makes on its own (a live update): it does not count as the member's activity. */
export const BACKGROUND = 'x-vw-background';

/** 128 random bits as hex (getRandomValues works outside secure contexts too). */
export function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const CHANNEL_NAMES: Record<string, string> = { web: 'website', telefoon: 'telefoon', loket: 'loket', wijkcoach: 'wijkcoach' };

/** How staff see a channel; the phone channel names the municipality's number when it is known. */
export function channelLabel(channel: string, kccPhone?: string): string {
  const name = CHANNEL_NAMES[channel] ?? channel;
  return channel === 'telefoon' && kccPhone ? `${name} (${kccPhone})` : name;
}

/** The municipality's config for a tree id such as "<gemeente>/start"; undefined when it has none. */
export function gemeenteOf(tree: string): Promise<GemeenteView | undefined> {
  return staffCall<GemeenteView>('GET', `/api/gemeenten/${encodeURIComponent(tree.split('/')[0]!)}`).catch(() => undefined);
}

export const time = (iso: string) => new Date(iso).toLocaleString('nl-NL', { dateStyle: 'short', timeStyle: 'short' });
