// The HTTP contract of the Wmo melding (types only, like contract.ts: the widget imports them).

export type ForWhom = 'zelf' | 'ander';
export type ReachTime = 'ochtend' | 'middag' | 'maakt-niet-uit';

export interface MeldingRequest {
  sessionId: string;
  idempotencyKey: string;
  /** Only when the session's profile does not know it yet. */
  forWhom?: ForWhom;
  /** Required (true) when the melding is for someone else. */
  consent?: true;
  person: { name: string; postcode: string; huisnummer: number; huisletter?: string; toevoeging?: string };
  /** At least a phone number or an e-mail address; `name` (whom to call back) when for someone else. */
  contact: { name?: string; phone?: string; email?: string; when: ReachTime };
}

/** The melding as a form sends it; the resident's transport adds the session, the staff one the channel. */
export type MeldingFields = Omit<MeldingRequest, 'sessionId'>;

/** What the municipality receives of the walk, in the language asked for. */
export interface MeldingSummaryView {
  tree: string;
  treeVersion: string;
  answers: { question: string; answer: string }[];
  plan: { title: string; kind: string }[];
}

/** GET /api/sessions/:id/melding – the check-answers page. */
export interface MeldingPreview {
  available: boolean;
  forWhom: ForWhom | null;
  consentText: string;
  nextSteps: string[];
  contact: { name: string; phone: string; tel: string } | null;
  summary: MeldingSummaryView;
  made: { reference: string } | null;
}

export interface MeldingReceipt {
  reference: string;
  statusToken: string;
  forWhom: ForWhom;
  /** zaaksysteem: becomes a zaak in the municipality's case system; inbox: its staff inbox. */
  delivery: 'zaaksysteem' | 'inbox';
}

export interface MeldingStatus {
  reference: string;
  status: 'ontvangen' | 'opgepakt' | 'afgerond';
  forWhom: ForWhom;
  channel: string;
  createdAt: string;
  delivery: 'zaaksysteem' | 'inbox';
  /** The zaak's identificatie in the case system, once registered. */
  zaakIdentificatie: string | null;
}
