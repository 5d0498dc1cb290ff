// Test support (not a test file): a tiny OpenID provider on a real port. It issues an RS256
// id_token for whoever "signs in", and checks PKCE, client and redirect like a real provider.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeIdp {
  issuer: string;
  /** Claims the next sign-in gets (sub, name, groups …). */
  user: Record<string, unknown>;
  /** Sign with a key that is not in the JWKS: the relying party must refuse the token. */
  forgeSignature: boolean;
  close(): Promise<void>;
}

export async function startFakeIdp(clientId: string): Promise<FakeIdp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const codes = new Map<string, { challenge: string; nonce: string; redirect: string; claims: Record<string, unknown> }>();
  const idp: FakeIdp = {
    issuer: '',
    user: { sub: 'u-1', name: 'Bea Behandel', groups: ['grp-zorgmeldingen'] },
    forgeSignature: false,
    close: async () => undefined,
  };
  const app = new Hono()
    .get('/.well-known/openid-configuration', (c) =>
      c.json({
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/authorize`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
      }),
    )
    .get('/jwks', (c) => c.json({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }))
    .get('/authorize', (c) => {
      const q = c.req.query();
      if (q.client_id !== clientId || q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge)
        return c.text('bad request', 400);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: q.code_challenge, nonce: q.nonce!, redirect: q.redirect_uri!, claims: { ...idp.user } });
      return c.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state!)}`, 302);
    })
    .post('/token', async (c) => {
      const form = new URLSearchParams(await c.req.text());
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.challenge !== challenge || form.get('client_id') !== clientId || form.get('redirect_uri') !== grant.redirect)
        return c.json({ error: 'invalid_grant' }, 400);
      const now = Math.floor(Date.now() / 1000);
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({ iss: idp.issuer, aud: clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.claims }),
      ).toString('base64url');
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), idp.forgeSignature ? other : privateKey).toString('base64url');
      return c.json({ access_token: 'unused', token_type: 'Bearer', id_token: `${header}.${payload}.${signature}` });
    });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp.close = () => new Promise((resolve) => server.close(() => resolve()));
  return idp;
}
