import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/problem.js';
import { jsonBody } from '../http/validate.js';
import { presentService, presentState } from '../sessions/present-state.js';
import type { SessionService } from '../sessions/session-service.js';
import { CONSENT_LOCALES, consentTexts } from './consent.js';
import type { StaffEnv, StaffKit } from './context.js';
import { bearer, sessionAccess, staffGuard } from './session-access.js';
import { sessionSummary } from './session-summary.js';

const Part = z.enum(['trail', 'advice', 'notes']);
export const PreviewBody = z.strictObject({ serviceId: z.string().min(1).max(100), shared: z.array(Part).min(1).max(3) });
export const HandoverBody = PreviewBody.extend({
  consent: z.literal(true, { error: 'Read the consent text out and tick that the resident agreed.' }),
  consentLocale: z.enum(CONSENT_LOCALES).optional(),
});

/**
 * Warm handover, in two steps: the preview says whether the organisation has a delivery endpoint
 * and shows the exact summary (to read out on the phone when it has none), then the handover is
 * recorded with the resident's consent. Nothing here promises that the organisation will call:
 * without a connection the medewerker phones them, and the console says so before confirming.
 */
export function handoverRoutes(kit: StaffKit, sessions: SessionService) {
  const { deps, repo } = kit;
  const access = sessionAccess(kit);

  /** The chosen service and the summary of the chosen parts, as they would go out now. */
  async function compose(c: Context<StaffEnv>, id: string, body: z.infer<typeof PreviewBody>) {
    const loaded = await sessions.loader.load(id, bearer(c), staffGuard);
    const service = loaded.served.compiled.services.get(body.serviceId);
    if (!service)
      throw new ApiError(422, 'unknown-service', `"${body.serviceId}" is not on this municipality's sociale kaart.`, {
        errors: [{ pointer: '/serviceId', code: 'unknown-service', message: 'Pick a service from the list.' }],
      });
    const notes = body.shared.includes('notes') ? await repo.notes(id) : [];
    const state = presentState(loaded.served, loaded.view, loaded.row, loaded.row.locale);
    const summary = sessionSummary(state, body.shared, notes, loaded.served.config?.kcc.phone);
    const presented = presentService(service, loaded.row.locale);
    return {
      service: presented,
      connected: !!kit.config.handoverTargets[service.id],
      summary,
    };
  }

  const app = new Hono<StaffEnv>();
  // Authentication and role come from the console's middleware on /api/staff/sessions/*.

  app.post('/api/staff/sessions/:id/handover/preview', async (c) => {
    const { id } = await access(c);
    const body = await jsonBody(c, PreviewBody);
    const { service, connected, summary } = await compose(c, id, body);
    return c.json({
      serviceId: service.id,
      organisation: service.organisation,
      name: service.name,
      ...(service.phone ? { phone: service.phone } : {}),
      connected,
      summary,
    });
  });

  app.post('/api/staff/sessions/:id/handover', async (c) => {
    const { p, id } = await access(c);
    const body = await jsonBody(c, HandoverBody);
    const { service, connected, summary } = await compose(c, id, body);
    const at = deps.clock().toISOString();
    const consentId = deps.ids.id();
    const channel = (await repo.consents(id)).filter((r) => r.account_id === p.account.id).at(-1)?.channel ?? 'telefoon';
    await repo.addConsent({
      id: consentId,
      session_id: id,
      account_id: p.account.id,
      purpose: 'handover',
      channel,
      consent_text: `${consentTexts(body.consentLocale).handover} [${body.shared.join(', ')} → ${service.id}]`,
      at,
    });
    // Into the outbox (committed first), then delivered to the organisation's endpoint when it has
    // one; without one the medewerker hands it over by phone ("geen-koppeling"). Never by e-mail.
    const handover = {
      id: deps.ids.id(),
      session_id: id,
      service_id: service.id,
      account_id: p.account.id,
      consent_id: consentId,
      shared: JSON.stringify(body.shared),
      summary,
      status: connected ? 'klaar-voor-overdracht' : 'geen-koppeling',
      at,
    };
    await repo.addHandover(handover);
    if (connected) {
      kit.handovers
        .deliverDue()
        .catch((err: Error) => deps.logger.error({ message: err.message }, 'Handover delivery pass failed; the timer retries.'));
    }
    await kit.record(p, 'handover.create', 'handover', handover.id, { session: id, service: service.id, shared: body.shared });
    return c.json(
      {
        id: handover.id,
        serviceId: service.id,
        organisation: service.organisation,
        ...(service.phone ? { phone: service.phone } : {}),
        shared: body.shared,
        connected,
        status: handover.status,
        summary,
        at,
      },
      201,
    );
  });
  return app;
}
