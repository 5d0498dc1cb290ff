import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config.js';
import { testApp } from '../testing/test-app.js';
import { clientAddress, trustProxyFromEnv, type TrustProxy } from './client-address.js';

/** The address the server keys a request on, as it arrives on a socket from `peer`. */
async function keyOf(trust: TrustProxy, peer: string, forwardedFor?: string) {
  const app = new Hono().get('/', (c) => c.text(clientAddress(trust)(c)));
  const headers: Record<string, string> = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  const res = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } });
  return res.text();
}

describe('the client address behind proxies', () => {
  it('trusting nobody, the socket address is the client, whatever X-Forwarded-For says', async () => {
    expect(await keyOf(false, '203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(await keyOf(false, '::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('one trusted hop: the entry the proxy appended, not the left-most one the client wrote', async () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy (10.0.0.2) appended the client's real address.
    expect(await keyOf({ hops: 1 }, '10.0.0.2', '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(await keyOf({ hops: 1 }, '10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    // Two headers are one list (Node joins them with a comma).
    expect(await keyOf({ hops: 2 }, '10.0.0.2', 'spoofed, 203.0.113.7, 10.0.0.9')).toBe('203.0.113.7');
  });

  it('a request that did not pass the proxies is keyed on what is there: never further left than the chain goes', async () => {
    expect(await keyOf({ hops: 1 }, '203.0.113.7')).toBe('203.0.113.7');
    expect(await keyOf({ hops: 3 }, '10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
  });

  it('a list of proxies: the right-most address that is not one of them', async () => {
    const trust = { proxies: ['10.0.0.2', '10.0.0.3'] };
    expect(await keyOf(trust, '10.0.0.2', 'spoofed, 203.0.113.7, 10.0.0.3')).toBe('203.0.113.7');
    expect(await keyOf(trust, '::ffff:10.0.0.2', '1.1.1.1, 203.0.113.7')).toBe('203.0.113.7');
    // Straight from the internet: the peer is no proxy of ours, so its X-Forwarded-For means nothing.
    expect(await keyOf(trust, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
  });

  it('TRUST_PROXY: a hop count or proxy addresses; anything else is refused with what to write instead', () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv('0')).toBe(false);
    expect(trustProxyFromEnv('1')).toEqual({ hops: 1 });
    expect(trustProxyFromEnv('10.0.0.2, fd00::1')).toEqual({ proxies: ['10.0.0.2', 'fd00::1'] });
    expect(() => trustProxyFromEnv('yes')).toThrow(/TRUST_PROXY="yes": "yes" is not an IP address.*TRUST_PROXY=1/);
  });

  it('behind one proxy, resume-code guesses with a fresh left-most X-Forwarded-For each time are still limited', async () => {
    const t = await testApp({
      config: { trustProxy: { hops: 1 }, rateLimits: { ...DEFAULTS.rateLimits, resume: { limit: 3, windowMs: 60_000 } } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await t.app.request(
          '/api/resume',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
            body: JSON.stringify({ code: 'ABCD-EFGH' }),
          },
          { incoming: { socket: { remoteAddress: '10.0.0.2' } } },
        );
        statuses.push(res.status);
      }
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
      expect(statuses.slice(0, 3)).not.toContain(429);
    } finally {
      await t.close();
    }
  });
});
