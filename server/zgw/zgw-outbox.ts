import type { Logger } from '../logger.js';
import { meldingPdf } from '../melding/melding-pdf.js';
import type { MeldingRepo, Registration } from '../melding/melding-repo.js';
import type { MeldingTexts } from '../melding/melding-texts.js';
import { zgwClient } from './zgw-client.js';
import { targetFor, type ZgwConfig } from './zgw-config.js';
import { registerMelding } from './zgw-registration.js';

export interface OutboxOptions {
  repo: MeldingRepo;
  config: ZgwConfig;
  texts: Map<string, MeldingTexts>;
  clock: () => Date;
  logger: Logger;
  /** The first retry waits this long, each next one twice as long, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts the row is "mislukt": staff see it and can retry it. */
  maxAttempts?: number;
  /** A claim expires after this long: a worker that died mid-way leaves the row to the next pass. */
  leaseMs?: number;
  timeoutMs?: number;
}

/**
 * The ZGW registration outbox, as the handover outbox works: claim a due row with a lease, run the
 * steps (each remembered in the row as it succeeds), then mark it. Failures retry with exponential
 * back-off; with roughly 20 attempts (capped at 30 minutes apart) an outage of hours loses nothing.
 */
export function zgwOutbox(o: OutboxOptions) {
  const { repo, clock } = o;
  const baseDelayMs = o.baseDelayMs ?? 30_000;
  const maxDelayMs = o.maxDelayMs ?? 30 * 60_000;
  const maxAttempts = o.maxAttempts ?? 20;
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  let running: Promise<Tally> | null = null;

  async function registerOne(reg: Registration): Promise<keyof Tally | 'skipped'> {
    const melding = await repo.byId(reg.melding_id);
    const target = melding && targetFor(o.config, reg.gemeente, melding.tree);
    const now = clock();
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    if (!(await repo.moveRegistration(reg.melding_id, reg, { status: 'bezig', next_attempt_at: lease, updated_at: now.toISOString() })))
      return 'skipped';
    const attempts = reg.attempts + 1;
    let error: string | null = null;
    if (!melding || !target) error = `ZGW_CONFIG has no entry for "${reg.gemeente}" any more: add it back, then retry`;
    else {
      const texts = o.texts.get(reg.gemeente);
      try {
        await registerMelding(zgwClient(target, fetch, o.timeoutMs ?? 15_000), {
          melding,
          done: reg,
          target,
          texts: { zaakOmschrijving: texts?.zaakOmschrijving ?? 'Wmo-melding', documentTitel: texts?.documentTitel ?? 'Wmo-melding' },
          pdf: () => meldingPdf(melding, texts?.documentTitel ?? 'Wmo-melding'),
          save: (patch) => repo.saveStep(reg.melding_id, lease, { ...patch, updated_at: clock().toISOString() }),
        });
      } catch (err) {
        error = (err as Error).name === 'ZgwError' ? (err as Error).message : `unexpected: ${(err as Error).message}`;
      }
    }
    const at = clock();
    const held = { status: 'bezig' as const, next_attempt_at: lease };
    if (!error) {
      await repo.moveRegistration(reg.melding_id, held, {
        status: 'geregistreerd',
        attempts,
        next_attempt_at: null,
        last_error: null,
        updated_at: at.toISOString(),
      });
      return 'registered';
    }
    const give = attempts >= maxAttempts;
    const retryAt = new Date(at.getTime() + Math.min(baseDelayMs * 2 ** (attempts - 1), maxDelayMs)).toISOString();
    await repo.moveRegistration(reg.melding_id, held, {
      status: give ? 'mislukt' : 'opnieuw-proberen',
      attempts,
      next_attempt_at: give ? null : retryAt,
      last_error: error,
      updated_at: at.toISOString(),
    });
    o.logger.warn(
      { melding: reg.melding_id, attempts, error },
      give ? 'ZGW registration failed; staff can retry it.' : 'ZGW registration will be retried.',
    );
    return give ? 'failed' : 'retrying';
  }

  async function pass(): Promise<Tally> {
    const tally: Tally = { registered: 0, retrying: 0, failed: 0 };
    for (const reg of await repo.dueRegistrations(clock().toISOString())) {
      const outcome = await registerOne(reg);
      if (outcome !== 'skipped') tally[outcome]++;
    }
    return tally;
  }

  return {
    /** One pass over what is due; concurrent calls share the pass in progress. */
    registerDue(): Promise<Tally> {
      running ??= pass().finally(() => (running = null));
      return running;
    },
    /** Staff: a failed (or waiting) registration is tried again on the next pass, with a fresh count. */
    async retry(meldingId: string): Promise<boolean> {
      const reg = await repo.registration(meldingId);
      if (!reg || reg.status === 'geregistreerd' || reg.status === 'bezig') return false;
      return repo.moveRegistration(meldingId, reg, {
        status: 'wachten',
        attempts: 0,
        next_attempt_at: clock().toISOString(),
        updated_at: clock().toISOString(),
      });
    },
  };
}

type Tally = { registered: number; retrying: number; failed: number };
export type ZgwOutbox = ReturnType<typeof zgwOutbox>;
