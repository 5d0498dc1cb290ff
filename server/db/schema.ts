// The one schema both SQLite and PostgreSQL run. Only text and integer columns: JSON is stored as
// text and timestamps as ISO-8601 strings, so both dialects hand back the same JS types and the
// repositories never branch on the dialect.

export interface TreeVersionsTable {
  /** SHA-256 of the whole municipality bundle (trees + services) as it was served. */
  hash: string;
  gemeente: string;
  bundle: string;
  created_at: string;
}

/** The version of each tree that new sessions start on (survives restarts and broken edits). */
export interface TreeHeadsTable {
  tree: string;
  bundle_hash: string;
  /** Hash of the trees this one inlines: detects content edited without a version bump. */
  content_hash: string;
  /** The engine's compile key (tree and sub-flow versions). */
  key: string;
  version: string;
  since: string;
}

export interface SessionsTable {
  id: string;
  tree: string;
  bundle_hash: string;
  tree_version: string;
  locale: string;
  channel: string;
  /** Number of events: the optimistic-concurrency version. */
  version: number;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export interface SessionTokensTable {
  token_hash: string;
  session_id: string;
  /** 'create' or 'resume': a resumed handle is a second, independent token. */
  via: string;
  created_at: string;
}

export interface SessionEventsTable {
  session_id: string;
  seq: number;
  kind: 'answer' | 'back' | 'revise';
  node: string | null;
  value: string | null;
  channel: string;
  at: string;
}

export interface IdempotencyTable {
  session_id: string;
  key: string;
  /** SHA-256 of the request, so a reused key with a different body is refused. */
  request_hash: string;
  status: number;
  response: string;
  created_at: string;
}

export interface ResumeCodesTable {
  code_hash: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  /** When staff first resumed with this code (0009): past the staff window it no longer works for staff. */
  staff_used_at?: string | null;
}

export interface ConcernsTable {
  id: string;
  reference: string;
  status_token_hash: string;
  session_id: string | null;
  gemeente: string | null;
  about: string;
  noticed: string;
  urgency: string;
  area: string | null;
  /** JSON text or null (anonymous). */
  reporter: string | null;
  /** Service id of the receiving organisation, if the advice named one. */
  receiver: string | null;
  status: 'ontvangen' | 'opgepakt' | 'afgerond';
  picked_up_by: string | null;
  feedback: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface ConcernEventsTable {
  concern_id: string;
  seq: number;
  kind: 'received' | 'picked-up' | 'closed';
  actor: string;
  note: string | null;
  at: string;
}

export interface Database {
  tree_versions: TreeVersionsTable;
  tree_heads: TreeHeadsTable;
  sessions: SessionsTable;
  session_tokens: SessionTokensTable;
  session_events: SessionEventsTable;
  idempotency: IdempotencyTable;
  resume_codes: ResumeCodesTable;
  concerns: ConcernsTable;
  concern_events: ConcernEventsTable;
}
