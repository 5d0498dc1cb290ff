// Response schemas: what the OpenAPI document says each success returns. Each is checked against
// its TypeScript type in contract.ts (`satisfies`), and server/api/contract-responses.test.ts
// parses real responses with them, so neither the types nor the document can drift unnoticed.
import { z } from 'zod';
import type {
  AdvicePlan,
  AnsweredStep,
  ConcernReceipt,
  ErasedReceipt,
  ConcernStatus,
  CreatedSession,
  GemeenteView,
  MyData,
  PresentedAdvice,
  PresentedService,
  PresentedStep,
  ResumeCodeIssued,
  SessionState,
  TrailEntry,
  TreeDetail,
  TreeSummary,
} from './contract.js';

const Texts = z.object({ nl: z.string() }).catchall(z.string()).meta({ description: 'Text per language (nl always).' });
const Channel = z.enum(['web', 'telefoon', 'loket', 'wijkcoach']);
const Layer = z.enum(['spoed', 'eigen-kracht', 'informeel', 'algemeen', 'maatwerk', 'vangnet']);
const Option = z.object({ value: z.string(), label: z.string(), help: z.string().optional() });

const PresentedInput = z.union([
  z.object({ type: z.enum(['single', 'multi']), options: z.array(Option), min: z.number().optional(), max: z.number().optional() }),
  z.object({ type: z.literal('yesno') }),
  z.object({ type: z.literal('number'), min: z.number(), max: z.number(), integer: z.boolean(), unit: z.string().optional() }),
  z.object({ type: z.literal('text'), maxLength: z.number(), optional: z.boolean() }),
  z.object({ type: z.literal('date'), min: z.string().optional(), max: z.string().optional() }),
]);

export const Step = z
  .object({
    id: z.string(),
    kind: z.enum(['question', 'info', 'end']),
    text: z.string(),
    help: z.string().optional(),
    staff: z.string().optional().meta({ description: 'What a phone or loket agent says aloud; for staff clients.' }),
    input: PresentedInput.optional(),
    progress: z.object({ done: z.number(), ahead: z.number(), percent: z.number() }),
    canGoBack: z.boolean(),
  })
  .meta({ id: 'PresentedStep' }) satisfies z.ZodType<PresentedStep>;

const Trail = z.object({
  node: z.string(),
  question: z.string(),
  answer: z.string(),
  value: z.unknown(),
  at: z.string(),
  channel: Channel,
}) satisfies z.ZodType<TrailEntry>;

export const Service = z
  .object({
    id: z.string(),
    organisation: z.string(),
    name: z.string(),
    description: z.string(),
    phone: z.string().optional(),
    web: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
    openingHours: z.string().optional(),
    cost: z.string(),
    access: z.string(),
    urgent: z.boolean(),
    unverified: z.array(z.string()),
  })
  .meta({ id: 'PresentedService' }) satisfies z.ZodType<PresentedService>;

const Advice = z
  .object({
    id: z.string(),
    kind: z.string(),
    layer: Layer,
    section: z.enum(['spoed', 'doe-dit-eerst', 'pyramid', 'vangnet']),
    urgency: z.enum(['now', 'today', 'this-week']).optional(),
    urgentWhy: z.string().optional(),
    title: z.string(),
    text: z.string(),
    why: z.string(),
    because: z.array(z.object({ node: z.string(), question: z.string(), answer: z.string() })),
    action: z.enum(['concern-report', 'wmo-melding']).optional(),
    services: z.array(Service),
    cardAt: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PresentedAdvice' }) satisfies z.ZodType<PresentedAdvice>;

export const State = z
  .object({
    id: z.string(),
    version: z.int(),
    tree: z.string(),
    treeVersion: z.string(),
    locale: z.string(),
    step: Step,
    trail: z.array(Trail),
    advice: z.array(Advice).optional().meta({ description: 'Left out with ?advice=when-done until the session is done.' }),
    done: z.boolean(),
  })
  .meta({ id: 'SessionState' }) satisfies z.ZodType<SessionState>;

export const Created = z
  .object({
    id: z.string(),
    token: z.string().meta({ description: 'Bearer token for this session (≥128 bits).' }),
    resumeCode: z.string(),
    resumeExpiresAt: z.string(),
    version: z.int(),
    state: State,
  })
  .meta({ id: 'CreatedSession' }) satisfies z.ZodType<CreatedSession>;

export const Plan = z
  .object({ id: z.string(), version: z.int(), locale: z.string(), done: z.boolean(), advice: z.array(Advice) })
  .meta({ id: 'AdvicePlan' }) satisfies z.ZodType<AdvicePlan>;

export const Answered = z
  .object({ step: Step, value: z.unknown(), version: z.int() })
  .meta({ id: 'AnsweredStep' }) satisfies z.ZodType<AnsweredStep>;

export const CodeIssued = z
  .object({ resumeCode: z.string(), resumeExpiresAt: z.string() })
  .meta({ id: 'ResumeCodeIssued' }) satisfies z.ZodType<ResumeCodeIssued>;

export const Receipt = z
  .object({ reference: z.string(), statusToken: z.string(), receiver: Service.nullable() })
  .meta({ id: 'ConcernReceipt' }) satisfies z.ZodType<ConcernReceipt>;

export const Status = z
  .object({
    reference: z.string(),
    status: z.enum(['ontvangen', 'opgepakt', 'afgerond']),
    pickedUpBy: z.string().optional(),
    feedback: z.string().optional(),
    updatedAt: z.string(),
    receiver: z.string().optional().meta({ description: 'The organisation the report went to, when the advice named one.' }),
    gemeente: z.string().optional(),
    zaakIdentificatie: z
      .string()
      .optional()
      .meta({ description: "The zaak's identificatie in the receiver's case system, once registered there." }),
  })
  .meta({ id: 'ConcernStatus' }) satisfies z.ZodType<ConcernStatus>;

const summaryShape = {
  id: z.string().meta({ description: '"haarlem/start": what POST /api/sessions takes as `tree`.' }),
  gemeente: z.string(),
  version: z.string(),
  door: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
};
export const Trees = z.array(z.object(summaryShape).meta({ id: 'TreeSummary' }) satisfies z.ZodType<TreeSummary>);

export const Detail = z
  .object({ ...summaryShape, uses: z.array(z.object({ id: z.string(), version: z.string() })), tree: z.unknown() })
  .meta({ id: 'TreeDetail' }) satisfies z.ZodType<TreeDetail>;

export const Gemeente = z
  .object({
    gemeente: z.string(),
    name: Texts,
    kcc: z.object({ name: Texts, phone: z.string(), tel: z.string() }),
    helpBar: z.array(z.object({ text: Texts, tel: z.string() })),
    theme: z.record(z.string(), z.string()),
    labels: z.object({ layers: z.record(z.string(), Texts), kinds: z.record(z.string(), Texts) }),
    quickExit: z.string().meta({ description: 'The neutral page the "Snel weg" button replaces the page with.' }),
  })
  .meta({ id: 'GemeenteView' }) satisfies z.ZodType<GemeenteView>;

export const Alive = z.object({ status: z.literal('ok') }).meta({ id: 'Alive' });

export const Ready = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({ database: z.boolean(), trees: z.boolean(), accepting: z.boolean() }),
    refused: z.array(
      z.object({
        tree: z.string(),
        serving: z.string().nullable().meta({ description: 'The version still serving, if any.' }),
        problems: z.array(z.object({ code: z.string(), where: z.string(), pointer: z.string().optional() })),
      }),
    ),
  })
  .meta({ id: 'Readiness' });

export const MyDataView = z
  .object({
    generatedAt: z.string(),
    session: z.object({
      id: z.string(),
      tree: z.string(),
      treeVersion: z.string(),
      locale: z.string(),
      channel: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      expiresAt: z.string(),
    }),
    answers: z.array(z.object({ question: z.string(), answer: z.string(), channel: z.string(), at: z.string() })),
    events: z
      .array(
        z.object({
          seq: z.number(),
          kind: z.string(),
          node: z.string().nullable(),
          value: z.unknown(),
          channel: z.string(),
          at: z.string(),
        }),
      )
      .meta({ description: 'Every change as stored (answers, "Vorige", changed answers).' }),
    staffAccess: z.array(
      z.object({ by: z.string(), purpose: z.string(), channel: z.string(), at: z.string(), revokedAt: z.string().nullable() }),
    ),
    notes: z.array(z.object({ node: z.string(), text: z.string(), by: z.string(), at: z.string() })),
    handovers: z.array(z.object({ serviceId: z.string(), shared: z.array(z.string()), status: z.string(), at: z.string() })),
    concerns: z.array(
      z.object({
        reference: z.string(),
        about: z.string(),
        noticed: z.string(),
        urgency: z.string(),
        area: z.string().nullable(),
        reporter: z.unknown(),
        receiver: z.string().nullable(),
        status: z.string(),
        feedback: z.string().nullable(),
        createdAt: z.string(),
        updatedAt: z.string(),
        internalNotes: z.int().meta({ description: 'How many internal notes staff made on the report; their texts are not shown.' }),
        zaakIdentificatie: z.string().nullable(),
      }),
    ),
    meldingen: z
      .array(
        z.object({
          reference: z.string(),
          gemeente: z.string(),
          channel: z.string(),
          madeBy: z.string().nullable(),
          forWhom: z.string(),
          consentText: z.string().nullable(),
          person: z.unknown(),
          contact: z.unknown(),
          summary: z.unknown(),
          status: z.string(),
          claimedBy: z.string().nullable(),
          closeNote: z.string().nullable(),
          createdAt: z.string(),
          closedAt: z.string().nullable(),
          zaak: z.object({ status: z.string(), identificatie: z.string().nullable() }).nullable(),
        }),
      )
      .meta({ description: 'The Wmo melding made from the session, as the municipality received it.' }),
    coachPlans: z.array(z.object({ domain: z.string(), updatedAt: z.string() })),
  })
  .meta({ id: 'MyData', description: 'Everything stored about a session (AVG inzage).' }) satisfies z.ZodType<MyData>;

const StillInCaseSystem = z
  .array(z.object({ reference: z.string(), organisation: z.string(), zaakIdentificatie: z.string().nullable() }))
  .meta({ description: 'Deleted here, but already a zaak in this organisation’s case system: ask them to delete it there.' });
export const Erased = z
  .object({ erased: z.literal(true), stillInCaseSystem: StillInCaseSystem })
  .meta({ id: 'Erased' }) satisfies z.ZodType<ErasedReceipt>;
export const Withdrawn = z.object({ withdrawn: z.literal(true), stillInCaseSystem: StillInCaseSystem }).meta({ id: 'Withdrawn' });
