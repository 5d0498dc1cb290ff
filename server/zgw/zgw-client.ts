import { SignJWT } from 'jose';
import type { ZgwTarget } from './zgw-config.js';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** A ZGW call that failed: what was asked (never the personal data sent) and why. */
export class ZgwError extends Error {
  override name = 'ZgwError';
}

/** A list answer: ZGW lists are paginated ({count, next, results}) except a few plain arrays. */
type Page<T> = { next?: string | null; results: T[] } | T[];

/**
 * HTTP to one municipality's Zaken, Catalogi and Documenten APIs with a fresh JWT-Claims bearer per
 * call (HS256 over client_id, signed with the shared secret), as Open Zaak and the VNG reference
 * implementations expect.
 */
export function zgwClient(target: ZgwTarget, send: Fetch, timeoutMs: number) {
  const key = new TextEncoder().encode(target.secret);
  const bearer = () =>
    new SignJWT({ client_id: target.clientId, user_id: 'vraagwijzer', user_representation: 'Vraagwijzer' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(target.clientId)
      .setIssuedAt()
      .sign(key);

  async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
    const what = `${method} ${new URL(url).pathname}`;
    let res: Response;
    try {
      res = await send(url, {
        method,
        headers: {
          authorization: `Bearer ${await bearer()}`,
          accept: 'application/json',
          // The Zaken API refuses zaak writes without these, geometry or not.
          'accept-crs': 'EPSG:4326',
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-crs': 'EPSG:4326' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      throw new ZgwError(`${what}: ${name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the case system cannot be reached'}`);
    }
    if (!res.ok) throw new ZgwError(`${what}: HTTP ${res.status}${await invalidParams(res)}`);
    return (await res.json()) as T;
  }

  /**
   * Every item of a list, following `next` (bounded: a lookup never walks a whole archive). A `next`
   * on another origin is not followed: the bearer would go with it.
   */
  async function all<T>(url: string, maxPages = 50): Promise<T[]> {
    const origin = new URL(url).origin;
    const out: T[] = [];
    let next: string | null | undefined = url;
    for (let i = 0; next && i < maxPages; i++) {
      if (new URL(next).origin !== origin)
        throw new ZgwError(`${new URL(url).pathname}: the next page is on another host (${new URL(next).origin})`);
      const page: Page<T> = await call<Page<T>>('GET', next);
      if (Array.isArray(page)) return [...out, ...page];
      out.push(...page.results);
      next = page.next;
    }
    return out;
  }

  return { get: <T>(url: string) => call<T>('GET', url), post: <T>(url: string, body: unknown) => call<T>('POST', url, body), all };
}

export type ZgwClient = ReturnType<typeof zgwClient>;

/** The names and codes of the fields the case system refused – its reasons, not our data. */
async function invalidParams(res: Response): Promise<string> {
  try {
    const problem = (await res.json()) as { code?: string; invalidParams?: { name: string; code: string }[] };
    const fields = (problem.invalidParams ?? []).map((p) => `${p.name}: ${p.code}`).join(', ');
    return fields ? ` (${fields})` : problem.code ? ` (${problem.code})` : '';
  } catch {
    return '';
  }
}

/** ?a=b&c=d, encoded. */
export const query = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params).toString()}`;
