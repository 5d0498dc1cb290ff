import { isIP } from 'node:net';
import type { Context } from 'hono';

/**
 * Which proxies in front of the server may be believed about the client's address:
 * - `false`: none; the socket's address is the client (the default);
 * - `{ hops: n }`: the n nearest hops (the socket's peer counting as the first) are proxies you run;
 * - `{ proxies: [...] }`: these addresses are proxies you run, wherever they appear in the chain.
 */
export type TrustProxy = false | { hops: number } | { proxies: string[] };

/**
 * The caller's address for rate limiting. @hono/node-server puts the Node request on `c.env`.
 * X-Forwarded-For is written left to right: the client may put anything in it, and each proxy
 * appends the address it was called from. Only the entries your own proxies appended can be
 * believed, so the client is the right-most address not added by a trusted proxy – never the
 * left-most, which an attacker sets freely to get a fresh rate-limit key on every request.
 */
export function clientAddress(trust: TrustProxy) {
  return (c: Context): string => {
    const socket = normalise(socketAddress(c));
    if (!trust) return socket;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => normalise(entry.trim()))
      .filter((entry) => entry !== '');
    // Nearest first: the socket's peer, then what each proxy in turn says it was called from.
    const chain = [socket, ...forwarded.reverse()];
    if ('hops' in trust) return chain[Math.min(trust.hops, chain.length - 1)]!;
    const trusted = new Set(trust.proxies.map(normalise));
    return chain.find((address) => !trusted.has(address)) ?? chain[chain.length - 1]!;
  };
}

/** Whether the socket's peer is a proxy you run: only then are its X-Forwarded-* headers believed. */
export function peerIsTrustedProxy(trust: TrustProxy, c: Context): boolean {
  return isTrustedProxy(trust, socketAddress(c));
}

/** A socket peer that is a proxy you run: with a hop count, every peer is (the nearest hop). */
export function isTrustedProxy(trust: TrustProxy, address: string): boolean {
  if (!trust) return false;
  if ('hops' in trust) return trust.hops >= 1;
  return trust.proxies.map(normalise).includes(normalise(address));
}

function socketAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is `10.0.0.1`; proxies write either. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return isIP(address) === 6 ? address.toLowerCase() : address;
}

/**
 * TRUST_PROXY: unset or `0` → trust none; a number n → n proxy hops (`1`: one reverse proxy);
 * a comma list of IP addresses → those proxies.
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  if (value === undefined || value.trim() === '' || value.trim() === '0') return false;
  if (/^\d+$/.test(value.trim())) return { hops: Number(value.trim()) };
  const proxies = value.split(',').map((p) => p.trim());
  const bad = proxies.filter((p) => isIP(p) === 0);
  if (bad.length)
    throw new Error(
      `TRUST_PROXY="${value}": ${bad.map((b) => `"${b}"`).join(', ')} is not an IP address. Give the number of proxy hops in front of the server (e.g. TRUST_PROXY=1) or the proxies' addresses (e.g. TRUST_PROXY=10.0.0.2,10.0.0.3).`,
    );
  return { proxies };
}
