import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../server/api/contract.js';
import { KUSTDORP_DIR, meldingFields, walkToMelding } from '../server/melding/melding-test-kit.js';
import { startServer, type ServerProcess } from '../server/testing/server-process.js';
import { startZgwFake, type Step, type ZgwFake } from './zgw-fake/zgw-fake.js';

// The real server (server/main.ts) registering meldingen in a ZGW case system, SIGKILLed right
// after the case system made each step's object and before the answer arrived: after a restart the
// registration goes on and the case system holds exactly one of each.
let root: string;
let fake: ZgwFake;
let env: Record<string, string>;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vw-zgw-crash-'));
  cpSync(KUSTDORP_DIR, join(root, 'kustdorp'), { recursive: true });
  fake = await startZgwFake();
  env = {
    DATABASE_URL: `sqlite:${join(root, 'zgw.db')}`,
    TREE_DIRS: join(root, 'kustdorp'),
    ZGW_CONFIG: JSON.stringify({ kustdorp: fake.target() }),
    ZGW_POLL_SECONDS: '0.2',
    ZGW_TIMEOUT_SECONDS: '0.5',
    // A killed node's claim must run out before another pass takes the row over.
    ZGW_LEASE_SECONDS: '8',
    RATE_SESSIONS: '1000/60',
    RATE_CONCERNS: '1000/60',
  };
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

const post = (server: ServerProcess, path: string, body: unknown, token: string) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

async function registered(server: ServerProcess, statusToken: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const status = (await (await fetch(`${server.url}/api/meldingen/status/${statusToken}`)).json()) as {
      zaakIdentificatie: string | null;
    };
    if (status.zaakIdentificatie) return status.zaakIdentificatie;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not registered after a minute:\n${server.output.slice(-10).join('\n')}`);
}

describe('ZGW registration across a SIGKILL', () => {
  it.each<Step>(['zaak', 'status', 'rol', 'document', 'zio'])(
    'killed after the case system made the %s: exactly one zaak, status, rol, document and link',
    async (step) => {
      let server = await startServer(env);
      const created = (await (
        await fetch(`${server.url}/api/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tree: 'kustdorp/start' }),
        })
      ).json()) as CreatedSession;
      await walkToMelding((path, body) => post(server, path, body, created.token), created, 'zelf');
      fake.fault(step, 'commit-then-hang');
      const hit = fake.reached(step);
      const res = await post(server, '/api/meldingen', { sessionId: created.id, ...meldingFields() }, created.token);
      expect(res.status).toBe(201);
      const { reference, statusToken } = (await res.json()) as { reference: string; statusToken: string };
      await hit;
      server.proc.kill('SIGKILL');
      await server.exited;
      fake.heal();

      server = await startServer(env);
      const identificatie = await registered(server, statusToken);
      const zaken = fake.store.zaken.filter((z) => (z.kenmerken as { kenmerk: string }[]).some((k) => k.kenmerk === reference));
      expect(zaken).toHaveLength(1);
      expect(zaken[0]!.identificatie).toBe(identificatie);
      const zaak = zaken[0]!.url;
      expect(fake.store.statussen.filter((s) => s.zaak === zaak)).toHaveLength(1);
      expect(fake.store.rollen.filter((r) => r.zaak === zaak)).toHaveLength(1);
      const documenten = fake.store.documenten.filter((d) => d.identificatie === reference);
      expect(documenten).toHaveLength(1);
      expect(fake.store.zios.filter((z) => z.zaak === zaak && z.informatieobject === documenten[0]!.url)).toHaveLength(1);
      expect(fake.refused).toEqual([]);
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
    120_000,
  );

  it('a wrong ZGW_CONFIG stops the server at start-up, naming the setting', async () => {
    const bad = JSON.stringify({ kustdorp: { ...fake.target(), rsin: '123456789' } });
    await expect(startServer({ ...env, ZGW_CONFIG: bad })).rejects.toThrow(/ZGW_CONFIG\.kustdorp\.rsin "123456789" is not an RSIN/);
  }, 60_000);
});
