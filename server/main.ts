// The only file that touches the network, the environment and signals. `npm start` runs it.
import { serve } from '@hono/node-server';
import { createApp, type AppState } from './app.js';
import { createDeps } from './boot.js';
import { configFromEnv } from './config-from-env.js';
import { startDiagnostics } from './diagnostics.js';
import { isTrustedProxy } from './http/client-address.js';
import { capConnectionsPerAddress, serverOptions } from './http/server-limits.js';
import { startRetention } from './retention/retention-job.js';
import { underLease } from './db/job-lease.js';
import { mountStaff, staffConfigFromEnv } from './staff/index.js';
import { meldingModule } from './melding/melding-module.js';

const DRAIN_TIMEOUT_MS = 10_000;

const config = await configFromEnv(process.env);
const deps = await createDeps(config);
const { logger } = deps;
const state: AppState = { draining: false };
const app = createApp(deps, state);
const staff = mountStaff(app, deps, staffConfigFromEnv(process.env));
const stopRetention = startRetention(deps, () => Promise.all([staff.purge(), meldingModule(deps).purge()]));
const handoverTimer = setInterval(() => {
  // One node at a time scans the outbox; each handover is also claimed on its own (handover-delivery.ts).
  underLease(deps.db, 'handover-outbox', () => staff.handovers.deliverDue()).catch((err: Error) =>
    logger.error({ message: err.message }, 'Handover delivery pass failed; will retry.'),
  );
}, 30_000);
handoverTimer.unref();
// Wmo meldingen into the municipalities' case systems: anything due (new, to retry, a lease a crash left).
const zgwTimer = setInterval(() => {
  meldingModule(deps)
    .outbox.registerDue()
    .catch((err: Error) => logger.error({ message: err.message }, 'ZGW registration pass failed; will retry.'));
}, config.zgw.pollMs);
zgwTimer.unref();

const server = serve({ fetch: app.fetch, port: config.port, serverOptions: serverOptions(config.limits) }, (info) => {
  logger.info({ port: info.port, database: deps.store.dialect }, `Vraagwijzer listening on http://localhost:${info.port}`);
});
capConnectionsPerAddress(server, config.limits.maxConnectionsPerAddress, (address) => isTrustedProxy(config.trustProxy, address));

server.on('error', async (err: NodeJS.ErrnoException) => {
  const hint =
    err.code === 'EADDRINUSE'
      ? ` Port ${config.port} is in use: stop the other process or start with PORT=<free port>.`
      : err.code === 'EACCES'
        ? ` Port ${config.port} needs more rights: use a port above 1024.`
        : '';
  logger.fatal({ code: err.code }, `Cannot listen on port ${config.port}.${hint}`);
  await deps.store.close();
  process.exit(1);
});

// `kill -USR2 <pid>`: event-loop delays and WAL sync times since the last time, as one log line.
const diagnostics = startDiagnostics(logger, deps.db);
process.on('SIGUSR2', () => {
  diagnostics.report().catch((err: Error) => logger.error({ message: err.message }, 'Diagnostics report failed.'));
});

process.on('SIGHUP', () => {
  logger.info('SIGHUP: reloading trees.');
  deps.trees.reload().catch((err: Error) => logger.error({ message: err.message }, 'Tree reload failed; the previous trees keep serving.'));
});

/**
 * Graceful shutdown: stop accepting, let requests in flight finish (each answer commits before it
 * is acknowledged, so nothing half-done remains), then close the database.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  state.draining = true;
  logger.info({ signal }, 'Shutting down: draining requests.');
  stopRetention();
  diagnostics.stop();
  clearInterval(handoverTimer);
  clearInterval(zgwTimer);
  const force = setTimeout(() => {
    logger.warn('Drain timeout: closing remaining connections.');
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  }, DRAIN_TIMEOUT_MS);
  force.unref();
  await new Promise<void>((done) => {
    server.close(() => done());
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  });
  await deps.store.close();
  await deps.limits?.close();
  logger.info('Stopped.');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
