import type { Logger } from '../logger.js';
import { zgwClient } from './zgw-client.js';
import type { ZgwTarget } from './zgw-config.js';
import type { Registration, RegistrationSubject, ZgwOutboxRows } from './zgw-outbox-rows.js';
import { registerZaak, type ZaakInput } from './zgw-registration.js';

/** What one kind of row registers (zgw-melding-zaak.ts, concerns/concern-zaak.ts). */
export interface ZgwSubject {
  /** The case system and the zaak for this row; an error to retry later; or 'gone': nothing left to register. */
  prepare(reg: Registration): Promise<{ target: ZgwTarget; zaak: ZaakInput } | { error: string } | 'gone'>;
}

export interface OutboxOptions {
  repo: ZgwOutboxRows;
  subjects: Record<RegistrationSubject, ZgwSubject>;
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
    const prepared = await o.subjects[reg.subject].prepare(reg);
    // Erased or withdrawn meanwhile: the row goes too (unless another worker moved it first).
    if (prepared === 'gone') {
      await repo.drop(reg.melding_id, reg);
      return 'skipped';
    }
    const now = clock();
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    if (!(await repo.moveRegistration(reg.melding_id, reg, { status: 'bezig', next_attempt_at: lease, updated_at: now.toISOString() })))
      return 'skipped';
    const attempts = reg.attempts + 1;
    let error: string | null = null;
    if ('error' in prepared) error = prepared.error;
    else {
      try {
        await registerZaak(zgwClient(prepared.target, fetch, o.timeoutMs ?? 15_000), {
          zaak: prepared.zaak,
          done: reg,
          target: prepared.target,
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
      { [reg.subject]: reg.melding_id, attempts, error },
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
    async retry(id: string): Promise<boolean> {
      const reg = await repo.registration(id);
      if (!reg || reg.status === 'geregistreerd' || reg.status === 'bezig') return false;
      return repo.moveRegistration(id, reg, {
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
