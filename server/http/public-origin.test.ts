import { describe, expect, it } from 'vitest';
import { PASSWORD, staffTest } from '../staff/staff-test-kit.js';
import type { TrustProxy } from './client-address.js';
import { publicOriginFromEnv } from './public-origin.js';

// A TLS-terminating proxy (10.0.0.2) in front of the server (http://10.0.0.5:8787): the browser is on
// https://vw.example.nl. The server must accept its own pages there, and say HSTS.
const INNER = 'http://10.0.0.5:8787';
const PUBLIC = 'https://vw.example.nl';
const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'vw.example.nl', 'x-forwarded-for': '203.0.113.7' };

async function signIn(config: { trustProxy?: TrustProxy; publicOrigin?: string }, headers: Record<string, string>, peer = '10.0.0.2') {
  const t = await staffTest({}, undefined, { config: { trustProxy: false, ...config } });
  try {
    await t.addAccount('bas', 'behandelaar');
    const res = await t.app.request(
      `${INNER}/api/staff/login`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PUBLIC, ...headers },
        body: JSON.stringify({ name: 'bas', password: PASSWORD }),
      },
      { incoming: { socket: { remoteAddress: peer } } },
    );
    return {
      status: res.status,
      body: (await res.json()) as { code?: string },
      hsts: res.headers.get('strict-transport-security'),
      cookies: res.headers.getSetCookie(),
    };
  } finally {
    await t.close();
  }
}

describe('behind a TLS-terminating proxy', () => {
  it('a trusted proxy’s X-Forwarded-Proto/Host make its https origin the server’s own: staff sign-in works, with HSTS and secure cookies', async () => {
    const r = await signIn({ trustProxy: { hops: 1 } }, viaProxy);
    expect(r.status).toBe(200);
    expect(r.hsts).toBe('max-age=31536000; includeSubDomains');
    expect(r.cookies.some((c) => c.startsWith('__Host-vw_staff=') && /;\s*Secure/i.test(c))).toBe(true);
  });

  it('the same headers from a peer that is no trusted proxy are ignored: the https origin is foreign, no HSTS', async () => {
    const untrusted = await signIn({ trustProxy: false }, viaProxy);
    expect(untrusted.status).toBe(403);
    expect(untrusted.body.code).toBe('origin-not-allowed');
    expect(untrusted.hsts).toBeNull();
    const notInList = await signIn({ trustProxy: { proxies: ['10.0.0.3'] } }, viaProxy);
    expect(notInList.status).toBe(403);
  });

  it('a configured PUBLIC_ORIGIN is the origin, whatever the headers say', async () => {
    const r = await signIn({ publicOrigin: PUBLIC }, {});
    expect(r.status).toBe(200);
    expect(r.hsts).not.toBeNull();
    const forged = await signIn({ publicOrigin: 'https://other.example.nl' }, viaProxy);
    expect(forged.status).toBe(403);
  });

  it('a resident session created from the server’s own https page passes the origin guard', async () => {
    const t = await staffTest({}, undefined, { config: { trustProxy: { hops: 1 } } });
    try {
      const res = await t.app.request(
        `${INNER}/api/sessions`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: PUBLIC, ...viaProxy },
          body: JSON.stringify({ tree: 'demo/start' }),
        },
        { incoming: { socket: { remoteAddress: '10.0.0.2' } } },
      );
      expect(res.status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('PUBLIC_ORIGIN must be an origin; anything else is refused with an example', () => {
    expect(publicOriginFromEnv(undefined)).toBeUndefined();
    expect(publicOriginFromEnv('https://vw.example.nl/')).toBe('https://vw.example.nl');
    expect(() => publicOriginFromEnv('https://vw.example.nl/staff')).toThrow(/not an origin.*PUBLIC_ORIGIN=https:\/\//);
    expect(() => publicOriginFromEnv('vw.example.nl')).toThrow(/not an origin/);
  });
});
