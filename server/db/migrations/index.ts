import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as staff from './0002-staff.js';
import * as handoverDelivery from './0003-handover-delivery.js';
import * as coachOfflineWalk from './0004-coach-offline-walk.js';
import * as stepReceipts from './0005-step-receipts.js';
import * as auditChain from './0006-audit-chain.js';
import * as meldingen from './0007-meldingen.js';
import * as zgwOutbox from './0008-zgw-outbox.js';
import * as residentData from './0009-resident-data.js';
import * as concernNotes from './0010-concern-notes.js';
import * as zgwConcerns from './0011-zgw-concerns.js';

// Listed in code rather than read from the folder: works the same under tsx, in a bundle and in tests.
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-staff': staff,
  '0003-handover-delivery': handoverDelivery,
  '0004-coach-offline-walk': coachOfflineWalk,
  '0005-step-receipts': stepReceipts,
  '0006-audit-chain': auditChain,
  '0007-meldingen': meldingen,
  '0008-zgw-outbox': zgwOutbox,
  '0009-resident-data': residentData,
  '0010-concern-notes': concernNotes,
  '0011-zgw-concerns': zgwConcerns,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
