import type { Kysely } from 'kysely';
import type { ConcernsTable, Database } from '../db/schema.js';
import type { ConcernZgwConfig } from '../zgw/zgw-concern-config.js';
import type { ZgwSubject } from '../zgw/zgw-outbox.js';
import { newRegistration, type ZgwRegistrationsTable } from '../zgw/zgw-outbox-rows.js';
import type { ZaakInput } from '../zgw/zgw-registration.js';

// A concern report (signalering) as a zaak at its receiving organisation's zaaktype, through the
// same outbox and steps as a Wmo melding. The report's own words go in a plain-text document, never
// in the zaak's fields: the zaak says what it is about and how urgent, the document what was seen.

type Db = Kysely<Database & { zgw_registrations: ZgwRegistrationsTable }>;
type Reporter = { name?: string; phone?: string; email?: string };

/** The outbox row a new report starts with, when its receiver has a zaaktype configured (else none: it stays local). */
export function concernRegistration(
  config: ConcernZgwConfig,
  c: { id: string; gemeente: string | null; receiver: string | null; createdAt: string },
): ZgwRegistrationsTable | undefined {
  if (!c.gemeente || !c.receiver || !config[c.gemeente]?.[c.receiver]) return undefined;
  return newRegistration(c.id, 'concern', c.gemeente, c.createdAt, c.receiver);
}

function concernZaak(c: ConcernsTable, receiver: string, texts: { zaakOmschrijving: string; documentTitel: string }): ZaakInput {
  const reporter = c.reporter ? (JSON.parse(c.reporter) as Reporter) : null;
  const known = !!(reporter && (reporter.name || reporter.phone || reporter.email));
  const when = new Date(c.created_at).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });
  const text = [
    `${texts.documentTitel} ${c.reference}`,
    `Datum: ${when}`,
    `Ontvanger: ${receiver}`,
    `Over wie: ${c.about}`,
    `Hoe dringend: ${c.urgency}`,
    ...(c.area ? [`Buurt of straat: ${c.area}`] : []),
    '',
    'Wat de melder zag of hoorde:',
    c.noticed,
    '',
    known
      ? `Melder: ${[reporter!.name, reporter!.phone, reporter!.email].filter(Boolean).join(', ')}`
      : 'Melder: anoniem (geen naam of contactgegevens gegeven).',
  ].join('\n');
  return {
    reference: c.reference,
    createdAt: c.created_at,
    omschrijving: texts.zaakOmschrijving,
    toelichting: `Zorgmelding via Vraagwijzer over: ${c.about}; hoe dringend: ${c.urgency}; ${known ? 'melder bekend' : 'anoniem'}. Kenmerk ${c.reference}.`,
    statustoelichting: 'Zorgmelding ontvangen via Vraagwijzer',
    // An anonymous report has no initiator: no natuurlijk_persoon is invented for it.
    ...(known
      ? {
          initiator: {
            roltoelichting: 'Melder van de zorg (niet de persoon om wie het gaat).',
            geslachtsnaam: reporter!.name ?? 'Onbekend (alleen contactgegevens gegeven)',
            contact: {
              naam: reporter!.name ?? 'Melder',
              ...(reporter!.phone ? { telefoonnummer: reporter!.phone } : {}),
              ...(reporter!.email ? { emailadres: reporter!.email } : {}),
            },
          },
        }
      : {}),
    document: {
      // Per receiver: after a forward the new receiver's zaak gets a document of its own.
      identificatie: `${c.reference}-${c.receiver ?? ''}`.slice(0, 40),
      titel: `${texts.documentTitel} ${c.reference}`,
      auteur: 'Vraagwijzer',
      formaat: 'text/plain',
      bestandsnaam: `zorgmelding-${c.reference}.txt`,
      inhoud: async () => new TextEncoder().encode(text),
    },
  };
}

/** The outbox's rows of subject "concern": the report, at the target of the receiver the row names. */
export function concernSubject(
  db: Db,
  config: ConcernZgwConfig,
  organisation: (gemeente: string, service: string) => string | undefined,
): ZgwSubject {
  return {
    async prepare(reg) {
      const c = await db.selectFrom('concerns').selectAll().where('id', '=', reg.melding_id).executeTakeFirst();
      if (!c) return 'gone';
      const target = reg.receiver ? config[reg.gemeente]?.[reg.receiver] : undefined;
      if (!target)
        return {
          error: `no zaaktype for receiver "${reg.receiver}" of "${reg.gemeente}" any more (trees/${reg.gemeente}/signalering/zgw.json and ZGW_CONFIG.${reg.gemeente}): add it back, then retry`,
        };
      return {
        target,
        zaak: concernZaak({ ...c, receiver: reg.receiver }, organisation(reg.gemeente, reg.receiver!) ?? reg.receiver!, target),
      };
    },
  };
}

/**
 * A forward to another receiver (staff inbox), inside the forward's transaction. A zaak the old
 * receiver already has stays there – it is theirs to close; one still being made is left as far as
 * it got. The registration then goes to the new receiver when it has a zaaktype configured (a new
 * zaak there), or ends when it has none (the report stays local). Returns the old zaak's
 * identificatie, if there was one, for the audit entry.
 */
export async function rerouteRegistration(
  tx: Db,
  config: ConcernZgwConfig,
  c: { id: string; gemeente: string | null },
  to: string,
  at: string,
): Promise<{ registration: 'started' | 'moved' | 'ended' | 'none'; earlierZaak: string | null }> {
  const row = await tx.selectFrom('zgw_registrations').selectAll().where('melding_id', '=', c.id).executeTakeFirst();
  const fresh = concernRegistration(config, { id: c.id, gemeente: c.gemeente, receiver: to, createdAt: at });
  const earlierZaak = row?.zaak_identificatie ?? null;
  if (!row) {
    if (!fresh) return { registration: 'none', earlierZaak };
    await tx.insertInto('zgw_registrations').values(fresh).execute();
    return { registration: 'started', earlierZaak };
  }
  if (!fresh) {
    await tx.deleteFrom('zgw_registrations').where('melding_id', '=', c.id).execute();
    return { registration: 'ended', earlierZaak };
  }
  const { melding_id: _, subject: __, gemeente: ___, created_at: ____, ...reset } = fresh;
  await tx.updateTable('zgw_registrations').set(reset).where('melding_id', '=', c.id).execute();
  return { registration: 'moved', earlierZaak };
}

/** The zaak identificatie a report's status page shows: only once the zaak is complete. */
export async function concernZaakIdentificatie(db: Db, statusTokenHash: string): Promise<string | null> {
  const r = await db
    .selectFrom('zgw_registrations')
    .innerJoin('concerns', 'concerns.id', 'zgw_registrations.melding_id')
    .select(['zgw_registrations.status', 'zgw_registrations.zaak_identificatie'])
    .where('concerns.status_token_hash', '=', statusTokenHash)
    .where('zgw_registrations.subject', '=', 'concern')
    .executeTakeFirst();
  return r?.status === 'geregistreerd' ? r.zaak_identificatie : null;
}
