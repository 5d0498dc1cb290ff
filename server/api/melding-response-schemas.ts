// Response schemas of the Wmo melding (resident and staff), checked against melding-contract.ts
// where it has the type; server/api/responses-match-contract.test.ts parses real responses with them.
import { z } from 'zod';
import type { MeldingPreview, MeldingReceipt, MeldingStatus, MeldingSummaryView } from './melding-contract.js';

const ForWhom = z.enum(['zelf', 'ander']);
const Progress = z.enum(['ontvangen', 'opgepakt', 'afgerond']);
const Delivery = z
  .enum(['zaaksysteem', 'inbox'])
  .meta({ description: "zaaksysteem: a zaak in the municipality's case system; inbox: its staff inbox." });
const ZgwStatus = z.enum(['wachten', 'bezig', 'geregistreerd', 'opnieuw-proberen', 'mislukt']);

const Summary = z
  .object({
    tree: z.string(),
    treeVersion: z.string(),
    answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    plan: z.array(z.object({ title: z.string(), kind: z.string() })),
  })
  .meta({ id: 'MeldingSummary', description: 'What the municipality reads of the walk.' }) satisfies z.ZodType<MeldingSummaryView>;

export const MeldingPreviewView = z
  .object({
    available: z.boolean().meta({ description: 'Whether the advice offers a melding.' }),
    forWhom: ForWhom.nullable().meta({ description: 'From the profile; null when the session does not know.' }),
    consentText: z.string(),
    nextSteps: z.array(z.string()),
    contact: z.object({ name: z.string(), phone: z.string(), tel: z.string() }).nullable(),
    summary: Summary,
    made: z.object({ reference: z.string() }).nullable().meta({ description: 'The melding this session made already.' }),
  })
  .meta({ id: 'MeldingPreview' }) satisfies z.ZodType<MeldingPreview>;

export const MeldingReceiptView = z
  .object({ reference: z.string(), statusToken: z.string(), forWhom: ForWhom, delivery: Delivery })
  .meta({ id: 'MeldingReceipt' }) satisfies z.ZodType<MeldingReceipt>;

const statusShape = {
  reference: z.string(),
  status: Progress,
  forWhom: ForWhom,
  channel: z.string(),
  createdAt: z.string(),
  delivery: Delivery,
  zaakIdentificatie: z.string().nullable().meta({ description: "The zaak's identificatie, once registered." }),
};
export const MeldingStatusView = z.object(statusShape).meta({ id: 'MeldingStatus' }) satisfies z.ZodType<MeldingStatus>;

export const MeldingPdf = z
  .string()
  .meta({ format: 'binary', contentMediaType: 'application/pdf', description: 'The melding as a PDF document.' });

export const StaffMeldingPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        gemeente: z.string(),
        channel: z.string(),
        forWhom: ForWhom,
        madeBy: z.string().nullable().meta({ description: 'The medewerker who made it on behalf of a caller; null online.' }),
        status: Progress,
        claimedBy: z.string().nullable(),
        createdAt: z.string(),
        zgw: z
          .object({ status: ZgwStatus, zaakIdentificatie: z.string().nullable(), attempts: z.int(), lastError: z.string().nullable() })
          .nullable()
          .meta({ description: 'The case-system registration; null without a case system.' }),
      }),
    ),
  })
  .meta({ id: 'StaffMeldingPage' });

const Person = z.object({
  name: z.string(),
  postcode: z.string(),
  huisnummer: z.int(),
  huisletter: z.string().optional(),
  toevoeging: z.string().optional(),
});
const Contact = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  when: z.enum(['ochtend', 'middag', 'maakt-niet-uit']),
});

export const StaffMeldingDetail = z
  .object({
    ...statusShape,
    id: z.string(),
    madeBy: z.string().nullable(),
    consentText: z.string().nullable().meta({ description: 'As read to the person, for a melding for someone else.' }),
    person: Person,
    contact: Contact,
    summary: Summary,
    closeNote: z.string().nullable(),
    zgw: z
      .object({
        status: ZgwStatus,
        attempts: z.int(),
        lastError: z.string().nullable(),
        nextAttemptAt: z.string().nullable(),
        zaakUrl: z.string().nullable(),
        zaakIdentificatie: z.string().nullable(),
      })
      .optional()
      .meta({ description: 'The case-system registration; left out without a case system.' }),
  })
  .meta({ id: 'StaffMeldingDetail' });

export const MeldingCsv = z.string().meta({
  contentMediaType: 'text/csv',
  description:
    'One row per melding after a header row: kenmerk, datum, kanaal, voor, naam, postcode, huisnummer, telefoon, email, bereikbaar, status.',
});
