import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HandoverTarget } from './config.js';
import type { StaffKit } from './context.js';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

/**
 * Delivers warm handovers to the receiving organisation's endpoint: HTTPS POST of the summary
 * the resident agreed to share, signed (HMAC-SHA256 over "<timestamp>.<body>", header
 * x-vraagwijzer-signature: t=…,v1=…), with the handover id as Idempotency-Key so a repeat after a
 * crash is recognised there. A durable outbox: claim (with a lease) → send → mark; failures retry
 * with exponential back-off and end as "mislukt" after a few hours, visible to the medewerker.
 * No e-mail, on purpose: no personal data by e-mail (Uitvraag 2020, privacy).
 */
export function handoverDelivery(kit: StaffKit, targets: Record<string, HandoverTarget>, send: Fetch = fetch, baseDelayMs = 30_000) {
  const { repo, deps } = kit;
  let running: Promise<{ delivered: number; retrying: number; failed: number }> | null = null;

  async function deliverOne(h: Awaited<ReturnType<typeof repo.dueHandovers>>[number]) {
    const target = targets[h.service_id];
    const now = deps.clock();
    if (!target) {
      await repo.moveHandover(h.id, h.status, { status: 'geen-koppeling' });
      return 'none' as const;
    }
    // Claim first: a second deliverer (another process, a timer tick) sees "bezig" and skips it.
    const claimed = await repo.moveHandover(h.id, h.status, {
      status: 'bezig',
      next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString(),
    });
    if (!claimed) return 'skipped' as const;
    const attempts = (h.attempts ?? 0) + 1;
    const body = JSON.stringify({ id: h.id, service: h.service_id, shared: JSON.parse(h.shared), summary: h.summary, createdAt: h.at });
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = createHmac('sha256', target.secret).update(`${timestamp}.${body}`).digest('hex');
    let error: string | null = null;
    try {
      const res = await send(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': h.id,
          'x-vraagwijzer-signature': `t=${timestamp},v1=${signature}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
    }
    if (!error) {
      await repo.moveHandover(h.id, 'bezig', { status: 'verzonden', attempts, delivered_at: deps.clock().toISOString(), last_error: null });
      await kit.record(null, 'handover.delivered', 'handover', h.id, { service: h.service_id, attempts });
      return 'delivered' as const;
    }
    const give = attempts >= MAX_ATTEMPTS;
    const retryAt = new Date(deps.clock().getTime() + baseDelayMs * 2 ** (attempts - 1)).toISOString();
    await repo.moveHandover(h.id, 'bezig', {
      status: give ? 'mislukt' : 'opnieuw-proberen',
      attempts,
      next_attempt_at: give ? null : retryAt,
      last_error: error,
    });
    await kit.record(null, give ? 'handover.failed' : 'handover.retry', 'handover', h.id, { service: h.service_id, attempts, error });
    return give ? ('failed' as const) : ('retrying' as const);
  }

  async function deliverDue() {
    const tally = { delivered: 0, retrying: 0, failed: 0 };
    for (const h of await repo.dueHandovers(deps.clock().toISOString())) {
      const outcome = await deliverOne(h);
      if (outcome === 'delivered') tally.delivered++;
      else if (outcome === 'retrying') tally.retrying++;
      else if (outcome === 'failed') tally.failed++;
    }
    return tally;
  }

  return {
    /** One pass over the outbox; concurrent calls share the pass in progress. */
    deliverDue() {
      running ??= deliverDue().finally(() => (running = null));
      return running;
    },
  };
}

/** For receivers (and tests): checks a delivery's signature and that it is fresh. */
export function verifyHandoverSignature(
  header: string | null,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m || Math.abs(nowSeconds - Number(m[1])) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(m[2]!));
}
