// The staff pages' door to /api/staff: same-origin cookies, and the CSRF cookie echoed in a header
// on every change (the double-submit the server checks).
import type { GemeenteView, ProblemDetails } from '../../server/api/contract.js';

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails & Record<string, unknown>,
  ) {
    super(problem?.detail ?? (status === 0 ? 'Geen verbinding met de server.' : `Fout ${status}`));
    this.name = 'StaffApiError';
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
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => undefined)) as unknown;
  if (res.ok) return json as T;
  throw new StaffApiError(res.status, json && typeof json === 'object' ? (json as ProblemDetails & Record<string, unknown>) : undefined);
}

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
