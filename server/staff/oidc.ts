import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { Hono } from 'hono';
import type { Role } from '../db/staff-repo.js';
import { ROLES } from '../db/staff-repo.js';
import { hashSecret } from '../ids.js';
import { ApiError } from '../http/problem.js';
import { escapeHtml, startStaffSession } from './auth.js';
import type { OidcConfig } from './config.js';
import type { StaffKit } from './context.js';

const FLOW_TTL_MS = 10 * 60_000;
const SKEW_S = 60;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * OpenID Connect sign-in: authorization code + PKCE (S256), state and nonce single-use, the
 * id_token's signature checked against the provider's JWKS (RS256 or ES256) and its iss, aud,
 * exp and nonce checked before anyone is let in. The role comes from a configured claim.
 */
export function oidcRoutes(kit: StaffKit, oidc: OidcConfig) {
  const { deps } = kit;
  let discovery: Promise<Discovery> | undefined;
  const discover = () =>
    (discovery ??= fetchJson<Discovery>(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch((err) => {
      discovery = undefined;
      throw err;
    }));

  const refuse = (status: 400 | 403 | 502, text: string) =>
    new Response(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inloggen mislukt</title></head><body><main><h1>Inloggen mislukt</h1><p>${escapeHtml(text)}</p><p><a href="/staff/login">Opnieuw inloggen</a></p></main></body></html>`,
      {
        status,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      },
    );

  return new Hono()
    .get('/staff/oidc/login', async (c) => {
      const d = await discover();
      const state = deps.ids.token();
      const nonce = deps.ids.token();
      const verifier = deps.ids.token();
      const now = deps.clock();
      await kit.repo.saveOidcFlow({
        state_hash: hashSecret(state),
        verifier,
        nonce,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + FLOW_TTL_MS).toISOString(),
      });
      const url = new URL(d.authorization_endpoint);
      const q = url.searchParams;
      q.set('response_type', 'code');
      q.set('client_id', oidc.clientId);
      q.set('redirect_uri', oidc.redirectUri);
      q.set('scope', oidc.scope);
      q.set('state', state);
      q.set('nonce', nonce);
      q.set('code_challenge', b64url(createHash('sha256').update(verifier).digest()));
      q.set('code_challenge_method', 'S256');
      return c.redirect(url.href, 302);
    })
    .get('/staff/oidc/callback', async (c) => {
      const state = c.req.query('state') ?? '';
      const code = c.req.query('code') ?? '';
      if (c.req.query('error')) return refuse(403, `De inlogdienst weigerde: ${c.req.query('error')}.`);
      const flow = state.length <= 200 ? await kit.repo.takeOidcFlow(hashSecret(state)) : undefined;
      if (!flow || flow.expires_at <= deps.clock().toISOString() || !code)
        return refuse(400, 'Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw.');
      const d = await discover();
      let claims: Record<string, unknown>;
      try {
        const form = new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: oidc.redirectUri,
          client_id: oidc.clientId,
          code_verifier: flow.verifier,
        });
        if (oidc.clientSecret) form.set('client_secret', oidc.clientSecret);
        const tokens = await fetchJson<{ id_token?: string }>(d.token_endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        });
        if (!tokens.id_token) throw new Error('no id_token in the token response');
        const jwks = await fetchJson<{ keys: (JsonWebKey & { kid?: string })[] }>(d.jwks_uri);
        claims = verifyIdToken(tokens.id_token, jwks.keys, {
          issuer: d.issuer,
          clientId: oidc.clientId,
          nonce: flow.nonce,
          now: deps.clock().getTime() / 1000,
        });
      } catch (err) {
        deps.logger.warn({ reason: (err as Error).message }, 'OIDC sign-in refused.');
        await kit.record(null, 'login.failed', 'account', null, { method: 'oidc', reason: (err as Error).message });
        return refuse(403, 'De inlogdienst gaf geen geldig bewijs van wie u bent.');
      }
      const role = roleFrom(claims[oidc.roleClaim], oidc.roleMap);
      const subject = `${String(claims.iss)} ${String(claims.sub)}`;
      if (!role) {
        await kit.record(null, 'login.no-role', 'account', null, { method: 'oidc' });
        return refuse(403, `Uw account heeft geen rol voor Vraagwijzer (claim "${oidc.roleClaim}"). Vraag een beheerder om toegang.`);
      }
      let account = await kit.repo.accountBySubject(subject);
      if (!account) {
        const name = `oidc:${String(claims.preferred_username ?? claims.sub)}`;
        await kit.repo.addAccount(
          {
            id: deps.ids.id(),
            name,
            displayName: String(claims.name ?? claims.preferred_username ?? 'Medewerker'),
            role,
            passwordHash: null,
            oidcSubject: subject,
          },
          deps.clock().toISOString(),
        );
        account = (await kit.repo.accountBySubject(subject))!;
      } else if (account.role !== role) {
        // The identity provider is the source of truth for roles: a changed group takes effect now.
        await kit.repo.setRole(account.id, role);
        account = { ...account, role };
      }
      if (!account.active) return refuse(403, 'Dit account is uitgeschakeld.');
      await startStaffSession(c, kit, account);
      await kit.record({ account, sessionHash: '', csrfHash: '' }, 'login', 'account', account.id, { method: 'oidc' });
      return c.redirect(role === 'behandelaar' ? '/staff/concerns' : role === 'wijkcoach' ? '/coach' : '/staff', 303);
    });
}

function roleFrom(value: unknown, map: Record<string, Role>): Role | undefined {
  const values = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
  const roles = values.map((v) => map[v] ?? (ROLES as readonly string[]).find((r) => r === v)).filter((r): r is Role => !!r);
  // Several groups: the widest role wins, in the order beheerder > behandelaar > wijkcoach > medewerker.
  return (['beheerder', 'behandelaar', 'wijkcoach', 'medewerker'] as Role[]).find((r) => roles.includes(r));
}

export function verifyIdToken(
  jwt: string,
  keys: (JsonWebKey & { kid?: string })[],
  expect: { issuer: string; clientId: string; nonce: string; now: number },
): Record<string, unknown> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('id_token is not a JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
  const algs: Record<string, { hash: string; dsa?: boolean }> = { RS256: { hash: 'sha256' }, ES256: { hash: 'sha256', dsa: true } };
  const alg = header.alg ? algs[header.alg] : undefined;
  if (!alg) throw new Error(`id_token alg ${header.alg} not accepted`);
  const jwk = keys.find((k) => (header.kid ? k.kid === header.kid : true));
  if (!jwk) throw new Error('no JWKS key for the id_token kid');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const ok = verify(alg.hash, Buffer.from(`${h}.${p}`), alg.dsa ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('id_token signature invalid');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expect.issuer) throw new Error('id_token iss mismatch');
  if (!aud.includes(expect.clientId)) throw new Error('id_token aud mismatch');
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_S < expect.now) throw new Error('id_token expired');
  if (typeof claims.iat === 'number' && claims.iat - SKEW_S > expect.now) throw new Error('id_token issued in the future');
  if (claims.nonce !== expect.nonce) throw new Error('id_token nonce mismatch');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('id_token has no sub');
  return claims;
}

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await globalThis.fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new ApiError(502, 'oidc-provider-error', `The identity provider answered ${res.status} at ${new URL(url).pathname}.`);
  return (await res.json()) as T;
}
