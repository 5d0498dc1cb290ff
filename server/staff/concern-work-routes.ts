import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { localize } from '../../engine/index.js';
import { rerouteRegistration } from '../concerns/concern-zaak.js';
import { kick, meldingModule } from '../melding/melding-module.js';
import { concernNotes, type ConcernNotesTable } from '../db/concern-notes.js';
import { ApiError } from '../http/problem.js';
import { jsonBody } from '../http/validate.js';
import type { StaffEnv, StaffKit } from './context.js';

export const NoteBody = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  idempotencyKey: z.string().min(16).max(100),
});
export const ForwardBody = z.strictObject({ serviceId: z.string().min(1).max(100) });

/**
 * A behandelaar's work on one report beside claim and close: internal notes (never shown to the
 * reporter), forwarding to another receiver of the municipality's sociale kaart – the
 * reporter's status page then names that organisation – and retrying a failed registration in the
 * receiver's case system. All are audited without their content.
 * Authentication and role come from the inbox's middleware on /api/staff/concerns/*.
 */
export function concernWorkRoutes(kit: StaffKit) {
  const { deps, repo } = kit;
  const notes = concernNotes(kit.db as unknown as Kysely<ConcernNotesTable>);
  const app = new Hono<StaffEnv>();

  const report = async (id: string) => {
    const r = await repo.concernById(id);
    if (!r) throw new ApiError(404, 'concern-not-found', 'No report with this id. Reload the inbox.');
    return r;
  };

  app.post('/api/staff/concerns/:id/notes', async (c) => {
    const p = c.get('staff');
    const r = await report(c.req.param('id'));
    const body = await jsonBody(c, NoteBody);
    const note = await notes.add({
      id: deps.ids.id(),
      concern_id: r.id,
      key: body.idempotencyKey,
      account_id: p.account.id,
      text: body.text,
      at: deps.clock().toISOString(),
    });
    if (note.text !== body.text)
      throw new ApiError(422, 'idempotency-key-reused', 'This idempotency key was already used for another note. Use a new key.', {
        errors: [{ pointer: '/idempotencyKey', code: 'idempotency-key-reused', message: 'Use a fresh key for a new note.' }],
      });
    await kit.record(p, 'concern.note', 'concern', r.id);
    return c.json({ id: note.id, text: note.text, by: p.account.displayName, at: note.at }, 201);
  });

  app.post('/api/staff/concerns/:id/forward', async (c) => {
    const p = c.get('staff');
    const r = await report(c.req.param('id'));
    const { serviceId } = await jsonBody(c, ForwardBody);
    const service = receivers(kit, r.gemeente).get(serviceId);
    if (!service)
      throw new ApiError(422, 'unknown-service', `"${serviceId}" is not on this municipality's sociale kaart.`, {
        errors: [{ pointer: '/serviceId', code: 'unknown-service', message: 'Pick a receiver from the list.' }],
      });
    if (r.status !== 'opgepakt')
      throw new ApiError(409, 'concern-not-claimed', `Claim the report before forwarding it (it is "${r.status}").`);
    if (r.receiver === service.id) return c.json({ id: r.id, receiver: service.id, organisation: service.organisation });
    const at = deps.clock().toISOString();
    // The new receiver and the report's ZGW registration (concern-zaak.ts) change together or not at all.
    const rerouted = await deps.db.committer.run(async (tx) => {
      const moved = await tx
        .updateTable('concerns')
        .set({ receiver: service.id, picked_up_by: service.organisation, updated_at: at })
        .where('id', '=', r.id)
        .where('status', '=', 'opgepakt')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return null;
      return rerouteRegistration(tx as never, deps.config.zgw.concerns, r, service.id, at);
    });
    if (!rerouted) throw new ApiError(409, 'concern-changed', 'The report changed meanwhile. Reload it.');
    await kit.record(p, 'concern.forward', 'concern', r.id, {
      from: r.receiver,
      to: service.id,
      ...(rerouted.registration !== 'none' ? rerouted : {}),
    });
    if (rerouted.registration === 'started' || rerouted.registration === 'moved') kick(meldingModule(deps), deps);
    return c.json({ id: r.id, receiver: service.id, organisation: service.organisation });
  });

  app.post('/api/staff/concerns/:id/zgw-retry', async (c) => {
    const p = c.get('staff');
    const r = await report(c.req.param('id'));
    const module = meldingModule(deps);
    if (!(await module.outbox.retry(r.id)))
      throw new ApiError(
        409,
        'zgw-not-retryable',
        'This report is not waiting for a retry: it is registered, being registered now, or its receiver has no case system.',
      );
    await kit.record(p, 'concern.zgw-retry', 'concern', r.id);
    kick(module, deps);
    return c.json({ id: r.id, zgw: 'wachten' as const });
  });

  return { app, notes };
}

/** The services a report of this municipality can be forwarded to (every served tree's sociale kaart). */
export function receivers(kit: StaffKit, gemeente: string | null) {
  const out = new Map<string, { id: string; name: string; organisation: string }>();
  for (const t of kit.deps.trees.list())
    if (!gemeente || t.gemeente === gemeente)
      for (const s of t.compiled.services.values())
        out.set(s.id, { id: s.id, name: localize(s.name, 'nl') ?? s.id, organisation: s.organisation });
  return out;
}
