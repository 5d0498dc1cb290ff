// The staff pages' door to /api/staff: same-origin cookies, and the CSRF cookie echoed in a header
// on every change (the double-submit the server checks).
import type { GemeenteView, ProblemDetails } from '../../server/api/contract.js';
import { formatTime, staffLang } from './staff-lang.js';
import { nl } from './staff-messages-nl.js';
import { st, stIn, stMaybe, type StaffKey } from './staff-messages.js';

/**
 * The server's problem details are written for developers, in English. The codes a medewerker can
 * meet in normal work get a sentence in the staff UI language that says what to do (staff-messages);
 * any other keeps the server's detail after a short lead, so that a beheerder can still look it up.
 */
function problemText(status: number, problem?: ProblemDetails): string {
  if (status === 0) return st('offline');
  // A field-level code says more than "validation-failed" (e.g. an organisation not on the kaart).
  const codes = [problem?.code, ...((problem as { errors?: { code?: string }[] } | undefined)?.errors ?? []).map((e) => e.code)];
  for (const code of codes.reverse()) {
    const known = code && code !== 'validation-failed' ? stMaybe(`problem_${code}`) : undefined;
    if (known) return known;
  }
  if (problem?.code === 'validation-failed') return st('problem_validation-failed');
  const lead = st('problemOther', { status, code: problem?.code ? `, ${problem.code}` : '' });
  return problem?.detail ? `${lead} ${problem.detail}` : lead;
}

/** A text kept in a view's state, written out at each render: it follows a switch of the UI language. */
export type Said = () => string;

/** What went wrong, as a Said: the API's problem in words, or the error's own message. */
export function said(e: unknown): Said {
  return () => (e instanceof StaffApiError ? e.describe() : e instanceof Error ? e.message : st('offline'));
}

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails & Record<string, unknown>,
  ) {
    super(problemText(status, problem));
    this.name = 'StaffApiError';
  }
  /** The message in the staff UI language of now (`message` keeps the one of the moment it failed). */
  describe(): string {
    return problemText(this.status, this.problem);
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

/** How staff see a channel (in `lang`, the UI's unless said); the phone channel names the municipality's number when known. */
export function channelLabel(channel: string, kccPhone?: string, lang: string = staffLang()): string {
  const name = Object.hasOwn(nl, `channel_${channel}`) ? stIn(lang, `channel_${channel}` as StaffKey) : channel;
  return channel === 'telefoon' && kccPhone ? stIn(lang, 'channelWithPhone', { channel: name, phone: kccPhone }) : name;
}

/** The municipality's config for a tree id such as "<gemeente>/start"; undefined when it has none. */
export function gemeenteOf(tree: string): Promise<GemeenteView | undefined> {
  return staffCall<GemeenteView>('GET', `/api/gemeenten/${encodeURIComponent(tree.split('/')[0]!)}`).catch(() => undefined);
}

/** A moment for staff, in the staff UI language's format. */
export const time = (iso: string) => formatTime(iso);
