// The HTTP contract between server and clients (widget, staff console). Types only: the widget
// imports them without pulling server code into its bundle. The server validates requests with
// zod schemas that mirror these shapes; OpenAPI at /api/openapi.json is generated from them.
import type { Channel, Layer, LocalizedText, PresentedStep, Section, TrailEntry, Urgency } from '../../engine/index.js';

export type { Channel, PresentedStep, PresentedInput, TrailEntry } from '../../engine/index.js';

/** A sociale-kaart entry in one language, as a service card shows it. */
export interface PresentedService {
  id: string;
  organisation: string;
  name: string;
  description: string;
  phone?: string;
  web?: string;
  email?: string;
  address?: string;
  openingHours?: string;
  cost: string;
  access: string;
  urgent: boolean;
  /** Fields nobody could verify yet: show them with a caution. */
  unverified: string[];
}

export interface PresentedAdvice {
  id: string;
  /** The municipality's label for the item, else its layer. */
  kind: string;
  layer: Layer;
  /** Where the plan puts it: spoed, "Doe dit eerst", the pyramid (by layer) or the vangnet. */
  section: Section;
  urgency?: Urgency;
  /** Why it cannot wait: the one line "Doe dit eerst" shows under the title. */
  urgentWhy?: string;
  title: string;
  text: string;
  /** "Waarom krijg ik dit advies?": the item's reason and the answers that led to it. */
  why: string;
  because: { node: string; question: string; answer: string }[];
  action?: 'concern-report' | 'wmo-melding';
  /** Every service the item names; a card is shown only where `cardAt` has no entry for it. */
  services: PresentedService[];
  /** Services whose card an earlier item shows: service id → that item's id. */
  cardAt: Record<string, string>;
}

export interface SessionState {
  id: string;
  /** Optimistic-concurrency version: send it back with every change. */
  version: number;
  tree: string;
  treeVersion: string;
  locale: string;
  step: PresentedStep;
  trail: TrailEntry[];
  /**
   * The plan so far. Absent only where the request asked `?advice=when-done` and the session is
   * not done yet; GET /api/sessions/{id}/advice has it at any time.
   */
  advice?: PresentedAdvice[];
  done: boolean;
}

/** A state with the plan always in it (`?advice=full`, the default; the staff console's). */
export type FullSessionState = SessionState & { advice: PresentedAdvice[] };

export interface CreateSessionRequest {
  tree: string;
  channel?: Channel;
  locale?: string;
}

export interface CreatedSession {
  id: string;
  /** Bearer token for this session (≥128 bits). Keep it in sessionStorage only. */
  token: string;
  resumeCode: string;
  resumeExpiresAt: string;
  version: number;
  state: SessionState;
}

export interface AnswerRequest {
  node: string;
  value: unknown;
  version: number;
  idempotencyKey: string;
  /** Through which door this answer came (staff channels); defaults to the session's channel. */
  channel?: Channel;
}

export interface BackRequest {
  version: number;
  idempotencyKey: string;
}

export interface ConcernRequest {
  /** The session the concern report comes from (optional: staff may file one directly). */
  sessionId?: string;
  /** The municipality, when there is no session to take it from. */
  gemeente?: string;
  about: 'kind' | 'oudere' | 'zorgmijder' | 'dakloos' | 'geld' | 'mantelzorg' | 'anders';
  noticed: string;
  urgency: 'niet-dringend' | 'binnen-een-week' | 'dringend';
  /** Where the person lives, as little as needed: a neighbourhood or street, not a full address. */
  area?: string;
  reporter?: { name?: string; phone?: string; email?: string } | null;
  idempotencyKey: string;
}

export interface ConcernReceipt {
  reference: string;
  statusToken: string;
  receiver: PresentedService | null;
}

export interface ConcernStatus {
  reference: string;
  status: 'ontvangen' | 'opgepakt' | 'afgerond';
  pickedUpBy?: string;
  feedback?: string;
  updatedAt: string;
  /** The organisation the report went to, when the advice named one. */
  receiver?: string;
  /** The municipality: its contact number and neutral page for the status page. */
  gemeente?: string;
  /** The zaak's identificatie in the receiver's case system, once registered there. */
  zaakIdentificatie?: string;
}

/** GET /api/sessions/:id/advice: the plan so far, each item with its why and services. */
export interface AdvicePlan {
  id: string;
  version: number;
  locale: string;
  done: boolean;
  advice: PresentedAdvice[];
}

/** POST /api/resume returns a CreatedSession with a new token; this is a fresh code for a session. */
export interface ResumeCodeIssued {
  resumeCode: string;
  resumeExpiresAt: string;
}

/** GET /api/trees: the trees new sessions can start on. */
export interface TreeSummary {
  /** "haarlem/start" – what POST /api/sessions takes as `tree`. */
  id: string;
  gemeente: string;
  version: string;
  door: string;
  title: string;
  status: 'draft' | 'published';
}

/** GET /api/trees/:gemeente/:id: the published version as authored, and the sub-flows it inlines. */
export interface TreeDetail extends TreeSummary {
  uses: { id: string; version: string }[];
  tree: unknown;
}

/**
 * GET /api/gemeenten/:gemeente: what the municipality's gemeente.json tells clients – the contact
 * centre every text falls back on, the help bar, theme tokens and local labels. Texts stay per
 * language (a switch needs no new request); the sources stay in the data.
 */
export interface GemeenteView {
  gemeente: string;
  name: LocalizedText;
  kcc: { name: LocalizedText; phone: string; tel: string };
  helpBar: { text: LocalizedText; tel: string }[];
  /** Token name (without "--vraagwijzer-") → CSS value. */
  theme: Record<string, string>;
  labels: { layers: Partial<Record<Layer, LocalizedText>>; kinds: Record<string, LocalizedText> };
  /** The neutral page "Snel weg" replaces the widget's page with. */
  quickExit: string;
}

/** RFC 9457 problem details, as every error response carries them. */
/**
 * One thing at fault: in the body (a JSON pointer, RFC 6901; "" is the whole body) or in the query
 * string (the parameter's name; a pointer into a query string would point into nothing).
 */
export type ProblemField = { code: string; message: string } & (
  { pointer: string; parameter?: never } | { parameter: string; pointer?: never }
);

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemField[];
  /** On 409: the session's current state, so the client can show it. */
  state?: SessionState;
  /** The request's id, as in its X-Request-Id header: the server's log lines carry it too. */
  requestId?: string;
}

/** GET /api/sessions/:id/steps?node=…: an answered step again ("Wijzig"); answering it revises. */
export interface AnsweredStep {
  step: PresentedStep;
  value: unknown;
  version: number;
}

/** GET /api/sessions/{id}/my-data: everything stored about a session, for the resident (AVG inzage). */
export interface MyData {
  generatedAt: string;
  session: {
    id: string;
    tree: string;
    treeVersion: string;
    locale: string;
    channel: string;
    createdAt: string;
    updatedAt: string;
    expiresAt: string;
  };
  /** The answers as the resident reads them back, with the channel of each. */
  answers: { question: string; answer: string; channel: string; at: string }[];
  /** Every change as stored (answers, "Vorige", changed answers). */
  events: { seq: number; kind: string; node: string | null; value: unknown; channel: string; at: string }[];
  /** Which staff member opened the session, how, on which channel, and whether the resident revoked it. */
  staffAccess: { by: string; purpose: string; channel: string; at: string; revokedAt: string | null }[];
  notes: { node: string; text: string; by: string; at: string }[];
  handovers: { serviceId: string; shared: string[]; status: string; at: string }[];
  concerns: {
    reference: string;
    about: string;
    noticed: string;
    urgency: string;
    area: string | null;
    reporter: unknown;
    receiver: string | null;
    status: string;
    /** The receiver's feedback when it closed the report. */
    feedback: string | null;
    createdAt: string;
    updatedAt: string;
    /** How many internal notes staff made on it; their texts are not shown (README: "Residents' data rights"). */
    internalNotes: number;
    /** Its zaak in the receiver's case system, when it is registered there. */
    zaakIdentificatie: string | null;
  }[];
  /** The Wmo melding made from this session, as the municipality received it. */
  meldingen: {
    reference: string;
    gemeente: string;
    channel: string;
    /** The staff member who took it down on behalf of the caller. */
    madeBy: string | null;
    forWhom: string;
    consentText: string | null;
    person: unknown;
    contact: unknown;
    /** The answers and advice the municipality reads. */
    summary: unknown;
    status: string;
    /** Who of the staff took it up, and the note they closed it with. */
    claimedBy: string | null;
    closeNote: string | null;
    createdAt: string;
    closedAt: string | null;
    /** In the municipality's case system: how far the registration is, and the zaak's identificatie. */
    zaak: { status: string; identificatie: string | null } | null;
  }[];
  /** A wijkcoach's household plan that links this session (the plan itself is the coach's record). */
  coachPlans: { domain: string; updatedAt: string }[];
}

/** What erasing (or withdrawing) could not reach: a zaak the case system of this organisation holds. */
export interface StillInCaseSystem {
  reference: string;
  organisation: string;
  zaakIdentificatie: string | null;
}

/** POST /api/sessions/:id/erase. */
export interface ErasedReceipt {
  erased: true;
  /** Deleted here but already a zaak there: ask that organisation to delete it. Empty when nothing was registered. */
  stillInCaseSystem: StillInCaseSystem[];
}
