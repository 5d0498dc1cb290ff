// Test support: a small ZGW case system (Zaken, Catalogi, Documenten) over real HTTP. It checks
// the JWT-Claims bearer, enforces the fields Vraagwijzer must send, resolves every type URL from
// its own catalogus, and can be told to fail, hang, or make an object and then hang at any step.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { jwtVerify } from 'jose';

export type Step = 'zaak' | 'status' | 'rol' | 'document' | 'zio';
/** error: 500 without doing anything; hang: never answer; commit-then-hang: do it, then never answer. */
export type Fault = 'error' | 'hang' | 'commit-then-hang';

type Obj = Record<string, unknown> & { url: string };

/** The catalogus's zaaktypen (uuids): the first the melding's, the second a concern receiver's. */
export const ZAAKTYPEN = ['11111111-1111-4111-8111-111111111111', '33333333-3333-4333-8333-333333333333'] as const;
export const INFORMATIEOBJECTTYPE = '22222222-2222-4222-8222-222222222222';

const STEP_OF: Record<string, Step> = {
  '/zaken/api/v1/zaken': 'zaak',
  '/zaken/api/v1/statussen': 'status',
  '/zaken/api/v1/rollen': 'rol',
  '/documenten/api/v1/enkelvoudiginformatieobjecten': 'document',
  '/zaken/api/v1/zaakinformatieobjecten': 'zio',
};

export interface ZgwFake {
  base: string;
  rsin: string;
  clientId: string;
  secret: string;
  /** What ZGW_CONFIG needs for one municipality. */
  target(): Record<string, string>;
  store: { zaken: Obj[]; statussen: Obj[]; rollen: Obj[]; documenten: Obj[]; zios: Obj[] };
  /** Every request as "METHOD path", in order. */
  log: string[];
  /** Refused requests with their reason (a test asserts this stays empty). */
  refused: string[];
  fault(step: Step, fault: Fault, times?: number): void;
  /** Resolves when a POST of this step has been committed (the object exists). */
  reached(step: Step): Promise<void>;
  /** Every request fails with 503 while down. */
  down: boolean;
  /** Ends the requests held by "hang" and clears every fault. */
  heal(): void;
  close(): Promise<void>;
}

export async function startZgwFake(): Promise<ZgwFake> {
  const rsin = '002220647';
  const clientId = 'vraagwijzer-test';
  const secret = 'a-test-secret-of-enough-length-0123456789';
  const key = new TextEncoder().encode(secret);
  const faults = new Map<Step, { fault: Fault; times: number }>();
  const waiting = new Map<Step, (() => void)[]>();
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const store = { zaken: [] as Obj[], statussen: [] as Obj[], rollen: [] as Obj[], documenten: [] as Obj[], zios: [] as Obj[] };
  const log: string[] = [];
  const refused: string[] = [];
  let base = '';
  let counter = 0;
  const fake = { down: false } as ZgwFake;

  // The catalogus: the melding's zaaktype with two statustypen (volgnummer 2 listed first on
  // purpose), the initiator and klantcontacter roltypen, and the informatieobjecttype of the
  // summary; and a second zaaktype (a concern report's receiver) with its own statustypen and roltype.
  const cat = () => `${base}catalogi/api/v1/`;
  const zaaktype = () => `${cat()}zaaktypen/${ZAAKTYPEN[0]}`;
  const second = () => `${cat()}zaaktypen/${ZAAKTYPEN[1]}`;
  const catalogus = () => ({
    zaaktypen: [zaaktype(), second()],
    statustypen: [
      { url: `${cat()}statustypen/s2`, zaaktype: zaaktype(), volgnummer: 2, omschrijving: 'In behandeling' },
      { url: `${cat()}statustypen/s1`, zaaktype: zaaktype(), volgnummer: 1, omschrijving: 'Ontvangen' },
      { url: `${cat()}statustypen/t2`, zaaktype: second(), volgnummer: 2, omschrijving: 'Opgepakt' },
      { url: `${cat()}statustypen/t1`, zaaktype: second(), volgnummer: 1, omschrijving: 'Gemeld' },
    ],
    roltypen: [
      { url: `${cat()}roltypen/r1`, zaaktype: zaaktype(), omschrijvingGeneriek: 'initiator' },
      { url: `${cat()}roltypen/r2`, zaaktype: zaaktype(), omschrijvingGeneriek: 'klantcontacter' },
      { url: `${cat()}roltypen/r3`, zaaktype: second(), omschrijvingGeneriek: 'initiator' },
    ],
    informatieobjecttype: `${cat()}informatieobjecttypen/${INFORMATIEOBJECTTYPE}`,
  });

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
  function invalid(res: ServerResponse, what: string, names: [string, string][]) {
    refused.push(`${what}: ${names.map(([n, c]) => `${n} ${c}`).join(', ')}`);
    send(res, 400, {
      code: 'invalid',
      title: 'Invalid input.',
      invalidParams: names.map(([name, code]) => ({ name, code, reason: code })),
    });
  }
  const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
  const url = (path: string) => `${base}${path}/${randomUUID()}`;

  async function authorised(req: IncomingMessage): Promise<string | null> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return 'no bearer';
    try {
      const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['HS256'] });
      if (protectedHeader.alg !== 'HS256') return 'alg';
      if (payload.client_id !== clientId || payload.iss !== clientId) return 'client_id';
      if (typeof payload.iat !== 'number') return 'iat';
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url!, base);
    log.push(`${req.method} ${u.pathname}`);
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (fake.down) return send(res, 503, { code: 'unavailable' });
    const denied = await authorised(req);
    if (denied) {
      refused.push(`jwt: ${denied}`);
      return send(res, 403, { code: 'not_authenticated', detail: denied });
    }
    const q = Object.fromEntries(u.searchParams);
    const step = req.method === 'POST' ? STEP_OF[u.pathname] : undefined;
    const f = step && faults.get(step);
    if (f) {
      if (--f.times <= 0) faults.delete(step!);
      if (f.fault === 'error') return send(res, 500, { code: 'error' });
      if (f.fault === 'hang') return void held.add(res);
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const answer = (status: number, obj: Obj) => {
      for (const resolve of waiting.get(step!) ?? []) resolve();
      waiting.delete(step!);
      if (f?.fault === 'commit-then-hang') return void held.add(res);
      send(res, status, obj);
    };
    const c = catalogus();
    const missing = (fields: string[]) =>
      fields.filter((k) => body[k] === undefined || body[k] === '').map((k) => [k, 'required'] as [string, string]);

    switch (`${req.method} ${u.pathname}`) {
      case 'GET /zaken/api/v1/zaken':
        return send(res, 200, page(store.zaken.filter((z) => match(z, q, ['zaaktype', 'bronorganisatie', 'startdatum']))));
      case 'POST /zaken/api/v1/zaken': {
        if (!req.headers['content-crs']) return invalid(res, 'zaak', [['Content-Crs', 'required']]);
        const bad = missing([
          'zaaktype',
          'bronorganisatie',
          'verantwoordelijkeOrganisatie',
          'startdatum',
          'omschrijving',
          'toelichting',
          'kenmerken',
        ]);
        if (bad.length) return invalid(res, 'zaak', bad);
        if (!c.zaaktypen.includes(String(body.zaaktype))) return invalid(res, 'zaak', [['zaaktype', 'bad-url']]);
        if (body.bronorganisatie !== rsin || body.verantwoordelijkeOrganisatie !== rsin)
          return invalid(res, 'zaak', [['bronorganisatie', 'invalid']]);
        if (!/^\d{4}-\d\d-\d\d$/.test(String(body.startdatum))) return invalid(res, 'zaak', [['startdatum', 'invalid']]);
        if (
          !Array.isArray(body.kenmerken) ||
          !body.kenmerken.every((k: { kenmerk?: string; bron?: string }) => k.kenmerk && k.bron && k.kenmerk.length <= 40)
        )
          return invalid(res, 'zaak', [['kenmerken', 'invalid']]);
        const zaak = { ...body, url: url('zaken/api/v1/zaken'), identificatie: `ZAAK-2026-${String(++counter).padStart(10, '0')}` };
        store.zaken.push(zaak);
        return answer(201, zaak);
      }
      case 'GET /zaken/api/v1/statussen':
        return send(res, 200, page(store.statussen.filter((s) => match(s, q, ['zaak', 'statustype']))));
      case 'POST /zaken/api/v1/statussen': {
        const bad = missing(['zaak', 'statustype', 'datumStatusGezet']);
        if (bad.length) return invalid(res, 'status', bad);
        const zaak = store.zaken.find((z) => z.url === body.zaak);
        if (!zaak) return invalid(res, 'status', [['zaak', 'bad-url']]);
        if (!c.statustypen.some((s) => s.url === body.statustype && s.zaaktype === zaak.zaaktype))
          return invalid(res, 'status', [['statustype', 'bad-url']]);
        const status = { ...body, url: url('zaken/api/v1/statussen') };
        store.statussen.push(status);
        return answer(201, status);
      }
      case 'GET /zaken/api/v1/rollen':
        return send(res, 200, page(store.rollen.filter((r) => match(r, q, ['zaak', 'omschrijvingGeneriek', 'betrokkeneType']))));
      case 'POST /zaken/api/v1/rollen': {
        const bad = missing(['zaak', 'betrokkeneType', 'roltype', 'roltoelichting', 'betrokkeneIdentificatie']);
        if (bad.length) return invalid(res, 'rol', bad);
        const zaakOfRol = store.zaken.find((z) => z.url === body.zaak);
        if (!zaakOfRol) return invalid(res, 'rol', [['zaak', 'bad-url']]);
        const roltype = c.roltypen.find((r) => r.url === body.roltype && r.zaaktype === zaakOfRol.zaaktype);
        if (!roltype) return invalid(res, 'rol', [['roltype', 'bad-url']]);
        const who = body.betrokkeneIdentificatie as Record<string, unknown>;
        if (body.betrokkeneType === 'natuurlijk_persoon' && !who.geslachtsnaam)
          return invalid(res, 'rol', [['betrokkeneIdentificatie.geslachtsnaam', 'required']]);
        const contact = body.contactpersoonRol as Record<string, unknown> | undefined;
        if (contact && !contact.naam) return invalid(res, 'rol', [['contactpersoonRol.naam', 'required']]);
        const adres = who.verblijfsadres as Record<string, unknown> | undefined;
        const adresMissing = ['aoaIdentificatie', 'wplWoonplaatsNaam', 'gorOpenbareRuimteNaam', 'aoaHuisnummer'].filter(
          (k) => adres && !adres[k],
        );
        if (adresMissing.length)
          return invalid(
            res,
            'rol',
            adresMissing.map((k) => [`betrokkeneIdentificatie.verblijfsadres.${k}`, 'required']),
          );
        if (body.betrokkeneType === 'medewerker' && !who.identificatie)
          return invalid(res, 'rol', [['betrokkeneIdentificatie.identificatie', 'required']]);
        else if (!['natuurlijk_persoon', 'medewerker'].includes(String(body.betrokkeneType)))
          return invalid(res, 'rol', [['betrokkeneType', 'invalid_choice']]);
        const rol = { ...body, url: url('zaken/api/v1/rollen'), omschrijvingGeneriek: roltype.omschrijvingGeneriek };
        store.rollen.push(rol);
        return answer(201, rol);
      }
      case 'GET /documenten/api/v1/enkelvoudiginformatieobjecten':
        return send(res, 200, page(store.documenten.filter((d) => match(d, q, ['bronorganisatie', 'identificatie']))));
      case 'POST /documenten/api/v1/enkelvoudiginformatieobjecten': {
        const bad = missing(['bronorganisatie', 'creatiedatum', 'titel', 'auteur', 'taal', 'informatieobjecttype', 'inhoud']);
        if (bad.length) return invalid(res, 'document', bad);
        if (body.informatieobjecttype !== c.informatieobjecttype) return invalid(res, 'document', [['informatieobjecttype', 'bad-url']]);
        if (String(body.taal).length !== 3) return invalid(res, 'document', [['taal', 'max_length']]);
        // The content must be what formaat says: a PDF, or (concern reports) UTF-8 text.
        const inhoud = Buffer.from(String(body.inhoud), 'base64');
        if (body.formaat === 'text/plain') {
          if (!inhoud.length || inhoud.toString('utf8').includes('\ufffd')) return invalid(res, 'document', [['inhoud', 'not-utf8-text']]);
        } else if (!inhoud.subarray(0, 5).equals(Buffer.from('%PDF-'))) return invalid(res, 'document', [['inhoud', 'not-a-pdf']]);
        if (
          body.identificatie &&
          store.documenten.some((d) => d.identificatie === body.identificatie && d.bronorganisatie === body.bronorganisatie)
        )
          return invalid(res, 'document', [['identificatie', 'identificatie-niet-uniek']]);
        const doc = { ...body, url: url('documenten/api/v1/enkelvoudiginformatieobjecten') };
        store.documenten.push(doc);
        return answer(201, doc);
      }
      case 'GET /zaken/api/v1/zaakinformatieobjecten':
        // A plain array in the Zaken API, not a page.
        return send(
          res,
          200,
          store.zios.filter((z) => match(z, q, ['zaak', 'informatieobject'])),
        );
      case 'POST /zaken/api/v1/zaakinformatieobjecten': {
        const bad = missing(['zaak', 'informatieobject']);
        if (bad.length) return invalid(res, 'zio', bad);
        if (!store.zaken.some((z) => z.url === body.zaak)) return invalid(res, 'zio', [['zaak', 'bad-url']]);
        if (!store.documenten.some((d) => d.url === body.informatieobject)) return invalid(res, 'zio', [['informatieobject', 'bad-url']]);
        if (store.zios.some((z) => z.zaak === body.zaak && z.informatieobject === body.informatieobject))
          return invalid(res, 'zio', [['nonFieldErrors', 'unique']]);
        const zio = { ...body, url: url('zaken/api/v1/zaakinformatieobjecten') };
        store.zios.push(zio);
        return answer(201, zio);
      }
      case 'GET /catalogi/api/v1/statustypen':
        return send(res, 200, page(c.statustypen.filter((s) => match(s, q, ['zaaktype']))));
      case 'GET /catalogi/api/v1/roltypen':
        return send(res, 200, page(c.roltypen.filter((r) => match(r, q, ['zaaktype', 'omschrijvingGeneriek']))));
      default:
        return send(res, 404, { code: 'not_found', detail: `${req.method} ${u.pathname}` });
    }
  }

  return Object.assign(fake, {
    base,
    rsin,
    clientId,
    secret,
    store,
    log,
    refused,
    target: () => ({
      zakenUrl: `${base}zaken/api/v1/`,
      catalogiUrl: cat(),
      documentenUrl: `${base}documenten/api/v1/`,
      zaaktype: zaaktype(),
      informatieobjecttype: catalogus().informatieobjecttype,
      rsin,
      clientId,
      secret,
    }),
    fault(step: Step, fault: Fault, times = 1) {
      faults.set(step, { fault, times });
    },
    reached: (step: Step) => new Promise<void>((resolve) => waiting.set(step, [...(waiting.get(step) ?? []), resolve])),
    heal() {
      faults.clear();
      for (const res of held) res.destroy();
      held.clear();
    },
    async close() {
      fake.heal();
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  });
}

/** The list filters the fake supports: exact matches on the named query parameters. */
function match(obj: Record<string, unknown>, q: Record<string, string>, keys: string[]): boolean {
  return keys.every((k) => q[k] === undefined || String(obj[k]) === q[k]);
}
