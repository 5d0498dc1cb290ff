import type { Deps } from '../deps.js';
import { concernSubject } from '../concerns/concern-zaak.js';
import { receiverOrganisation } from '../concerns/concern-service.js';
import { meldingSubject } from '../zgw/zgw-melding-zaak.js';
import { zgwOutbox, type ZgwOutbox } from '../zgw/zgw-outbox.js';
import { meldingRepo, type MeldingDb, type MeldingRepo } from './melding-repo.js';
import { meldingService, type MeldingService } from './melding-service.js';
import { readMeldingTexts, type MeldingTexts } from './melding-texts.js';

export interface MeldingModule {
  texts: Map<string, MeldingTexts>;
  repo: MeldingRepo;
  service: MeldingService;
  outbox: ZgwOutbox;
  /** Retention: meldingen closed or registered longer ago than CONCERN_RETENTION_DAYS. */
  purge(): Promise<number>;
}

const built = new WeakMap<object, MeldingModule>();

/**
 * One per database: the resident routes (createApp), the staff routes (mountStaff) and the timer in
 * main.ts share the texts, the repository and the outbox's pass in progress. Several outboxes would
 * be safe too (rows are claimed with a compare-and-set); one is simply less work.
 */
export function meldingModule(deps: Deps): MeldingModule {
  const found = built.get(deps.store);
  if (found) return found;
  const texts = readMeldingTexts(deps.config.treeDirs);
  const repo = meldingRepo(deps.db.kysely as unknown as MeldingDb, deps.db.committer);
  // One outbox for every zaak: Wmo meldingen and concern reports at their receivers' zaaktypen.
  const outbox = zgwOutbox({
    repo,
    subjects: {
      melding: meldingSubject(repo, deps.config.zgw.targets, texts),
      concern: concernSubject(deps.db.kysely as never, deps.config.zgw.concerns, (g, s) => receiverOrganisation(deps.trees, g, s)),
    },
    clock: deps.clock,
    logger: deps.logger,
    baseDelayMs: deps.config.zgw.baseDelayMs,
    timeoutMs: deps.config.zgw.timeoutMs,
    leaseMs: deps.config.zgw.leaseMs,
  });
  const service = meldingService(deps, repo, texts, (gemeente) => !!deps.config.zgw.targets[gemeente]);
  const purge = () => repo.purge(new Date(deps.clock().getTime() - deps.config.closedConcernRetentionMs).toISOString());
  const module = { texts, repo, service, outbox, purge };
  built.set(deps.store, module);
  return module;
}

/** Starts a registration pass without waiting for it (the timer in main.ts catches what this misses). */
export function kick(module: MeldingModule, deps: Deps): void {
  module.outbox
    .registerDue()
    .catch((err: Error) => deps.logger.error({ message: err.message }, 'ZGW registration pass failed; the timer retries.'));
}
