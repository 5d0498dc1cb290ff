import type { ConcernReceipt, ConcernStatus } from '../api/contract.js';
import { CONCERN_SCOPE, type ConcernRow } from '../db/concern-repo.js';
import type { TreeStore } from '../tree-store/tree-store.js';
import { concernRegistration, concernZaakIdentificatie } from './concern-zaak.js';
import type { Deps } from '../deps.js';
import { hashSecret } from '../ids.js';
import { ApiError } from '../http/problem.js';
import type { RequestGuard, SessionLoader } from '../sessions/load-session.js';
import { presentService } from '../sessions/present-state.js';
import { canonicalJson } from '../tree-store/canonical-hash.js';
import type { PresentedService } from '../api/contract.js';

export interface ConcernInput {
  sessionId?: string;
  gemeente?: string;
  about: string;
  noticed: string;
  urgency: string;
  area?: string;
  reporter?: { name?: string; phone?: string; email?: string } | null;
  idempotencyKey: string;
}

/**
 * Concern reports (signalering). The reporter gets a reference and a status token; the token shows
 * only the status – the report itself is for staff roles, never for whoever holds a link.
 */
export function concernService(deps: Deps, loader: SessionLoader) {
  const { store, ids, clock } = deps;
  const db = deps.db.kysely as unknown as Parameters<typeof concernZaakIdentificatie>[0];

  /** The organisation the advice named for this report: the first service of a concern-report item. */
  async function receiverFor(input: ConcernInput, authorization: string | undefined, guard: RequestGuard) {
    if (!input.sessionId) {
      if (input.gemeente) guard.checkOrigin(input.gemeente);
      return { gemeente: input.gemeente ?? null, service: null };
    }
    const { row, served, view } = await loader.load(input.sessionId, authorization, guard);
    const [gemeente] = row.tree.split('/');
    const service = view.plan.map((p) => p.item).find((item) => item.action === 'concern-report' && item.services?.length)?.services?.[0];
    const found = service ? served.compiled.services.get(service) : undefined;
    return { gemeente: gemeente!, service: found ? { id: found.id, presented: presentService(found, row.locale) } : null };
  }

  async function create(
    input: ConcernInput,
    authorization: string | undefined,
    guard: RequestGuard,
  ): Promise<{ status: number; body: ConcernReceipt }> {
    const { idempotencyKey, ...content } = input;
    const requestHash = hashSecret(canonicalJson(content));
    const earlier = await stored(idempotencyKey, requestHash);
    if (earlier) return earlier;
    const { gemeente, service } = await receiverFor(input, authorization, guard);
    const now = clock().toISOString();
    const statusToken = ids.token();
    const reference = ids.reference();
    const receiver: PresentedService | null = service?.presented ?? null;
    const body: ConcernReceipt = { reference, statusToken, receiver };
    const row: ConcernRow = {
      id: ids.id(),
      reference,
      sessionId: input.sessionId ?? null,
      gemeente,
      about: input.about,
      noticed: input.noticed,
      urgency: input.urgency,
      area: input.area ?? null,
      reporter: input.reporter && Object.keys(input.reporter).length ? input.reporter : null,
      receiver: service?.id ?? null,
      status: 'ontvangen',
      pickedUpBy: null,
      feedback: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    // Into the receiver's case system where one is configured for it, in the same transaction.
    const registration = concernRegistration(deps.config.zgw.concerns, row);
    const outcome = await store.concerns.create(row, hashSecret(statusToken), { key: idempotencyKey, requestHash, body }, registration);
    if (outcome === 'conflict') {
      const same = await stored(idempotencyKey, requestHash);
      if (same) return same;
      throw new ApiError(
        409,
        'concern-conflict',
        'The report could not be stored because of a simultaneous request. Send it again with the same idempotency key.',
      );
    }
    deps.logger.info({ concern: reference, urgency: input.urgency }, 'Concern report received.');
    return { status: 201, body };
  }

  async function stored(key: string, requestHash: string) {
    const found = await store.sessions.stored(CONCERN_SCOPE, key);
    if (!found) return undefined;
    if (found.requestHash !== requestHash) {
      throw new ApiError(
        422,
        'idempotency-key-reused',
        'This idempotency key was already used for a different report. Use a new key for a new report.',
        {
          errors: [{ pointer: '/idempotencyKey', code: 'idempotency-key-reused', message: 'Use a fresh key for a new report.' }],
        },
      );
    }
    return { status: found.status, body: found.body as ConcernReceipt };
  }

  const receiverName = (gemeente: string | null | undefined, service: string | null | undefined) =>
    receiverOrganisation(deps.trees, gemeente, service);

  async function status(token: string): Promise<ConcernStatus> {
    const found = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await store.concerns.statusByToken(hashSecret(token)) : undefined;
    if (!found)
      throw new ApiError(
        404,
        'concern-not-found',
        'No report has this status token. Use the link or token you got when you sent the report.',
      );
    const zaak = await concernZaakIdentificatie(db, hashSecret(token));
    return {
      reference: found.reference,
      status: found.status,
      ...(found.pickedUpBy ? { pickedUpBy: found.pickedUpBy } : {}),
      ...(found.feedback ? { feedback: found.feedback } : {}),
      updatedAt: found.updatedAt,
      ...(found.gemeente ? { gemeente: found.gemeente } : {}),
      ...(receiverName(found.gemeente, found.receiver) ? { receiver: receiverName(found.gemeente, found.receiver)! } : {}),
      ...(zaak ? { zaakIdentificatie: zaak } : {}),
    };
  }

  return { create, status };
}

/** The organisation of a report's receiving service, from the municipality's served sociale kaart. */
export function receiverOrganisation(
  trees: TreeStore,
  gemeente: string | null | undefined,
  service: string | null | undefined,
): string | undefined {
  if (!gemeente || !service) return undefined;
  for (const t of trees.list()) {
    const found = t.gemeente === gemeente ? t.compiled.services.get(service) : undefined;
    if (found) return found.organisation;
  }
  return undefined;
}
