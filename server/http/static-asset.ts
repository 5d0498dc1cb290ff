import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Context } from 'hono';

/** How long a browser may keep a file: hashed bundles forever, entry points and pages briefly. */
export type CachePolicy = 'immutable' | 'short' | 'revalidate';
const CACHE_CONTROL: Record<CachePolicy, string> = {
  immutable: 'public, max-age=31536000, immutable',
  // The stable entry a municipal page embeds: a new release reaches residents within minutes.
  short: 'public, max-age=300, stale-while-revalidate=60',
  revalidate: 'no-cache',
};

interface Variant {
  body: Uint8Array;
  etag: string;
}
interface Cached {
  mtimeMs: number;
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
}

/**
 * Static files as a CDN serves them: an ETag per encoding (If-None-Match → 304), the brotli or
 * gzip file written at build time when the client accepts it (nothing is compressed per request),
 * and Vary so that shared caches keep the encodings apart. Files are read once and kept while their
 * modification time stays the same; a rebuild is picked up on the next request.
 */
export function staticAssets() {
  const cache = new Map<string, Cached>();
  const load = async (path: string): Promise<Cached | undefined> => {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const known = cache.get(path);
    if (known && known.mtimeMs === info.mtimeMs) return known;
    const variant = async (file: string, tag: string) => {
      const body = await readFile(file).catch(() => undefined);
      return body && { body, etag: `"${createHash('sha1').update(body).digest('base64url')}${tag}"` };
    };
    const identity = await variant(path, '');
    if (!identity) return undefined;
    const entry: Cached = { mtimeMs: info.mtimeMs, identity };
    const br = await variant(`${path}.br`, '-br');
    const gzip = await variant(`${path}.gz`, '-gz');
    if (br) entry.br = br;
    if (gzip) entry.gzip = gzip;
    cache.set(path, entry);
    return entry;
  };

  /** Answers with the file at `path`, or returns undefined when there is none (the caller says why). */
  return async (c: Context, path: string, type: string, policy: CachePolicy): Promise<Response | undefined> => {
    const file = await load(path);
    if (!file) return undefined;
    const accepted = acceptedEncodings(c.req.header('accept-encoding'));
    const [encoding, variant] =
      file.br && accepted.has('br') ? ['br', file.br] : file.gzip && accepted.has('gzip') ? ['gzip', file.gzip] : [null, file.identity];
    c.header('cache-control', CACHE_CONTROL[policy]);
    c.header('etag', variant.etag);
    if (file.br || file.gzip) c.header('vary', 'accept-encoding');
    if (matches(c.req.header('if-none-match'), variant.etag)) return c.body(null, 304);
    c.header('content-type', type);
    if (encoding) c.header('content-encoding', encoding);
    return c.body(variant.body as Uint8Array<ArrayBuffer>);
  };
}

/** Encodings with a non-zero quality ("br;q=0" refuses brotli). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** A page built per request (a demo page with the current bundle's URL): revalidated by its ETag. */
export function pageResponse(c: Context, html: string): Response {
  const etag = `"${createHash('sha1').update(html).digest('base64url')}"`;
  c.header('cache-control', CACHE_CONTROL.revalidate);
  c.header('etag', etag);
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.html(html);
}
