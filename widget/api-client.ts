// The widget's only door to the server. Every failure becomes an ApiError with a `kind` the UI can
// act on: retry (network, server), reload (conflict), show next to the field (invalid), start over (gone).
import type {
  AnsweredStep,
  AnswerRequest,
  BackRequest,
  ConcernReceipt,
  ConcernRequest,
  ConcernStatus,
  CreatedSession,
  CreateSessionRequest,
  ErasedReceipt,
  GemeenteView,
  MyData,
  ProblemDetails,
  ResumeCodeIssued,
  SessionState,
  StillInCaseSystem,
} from '../server/api/contract.js';
import type { MeldingPreview, MeldingReceipt, MeldingRequest, MeldingStatus } from '../server/api/melding-contract.js';

export type FailureKind = 'network' | 'conflict' | 'invalid' | 'gone' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    readonly problem?: ProblemDetails,
  ) {
    super(problem?.detail ?? `${kind} (${status})`);
    this.name = 'ApiError';
  }
}

export interface SessionHandle {
  id: string;
  token: string;
}

export class ApiClient {
  /** `base` is the server root (the `api` attribute); paths below it start with /api. */
  constructor(readonly base: string) {}

  createSession(body: CreateSessionRequest): Promise<CreatedSession> {
    return this.call('POST', `/api/sessions${q()}`, body);
  }

  /** `locale` asks for the texts in another language (language switch mid-session). */
  getSession(h: SessionHandle, locale?: string): Promise<SessionState> {
    return this.call('GET', `/api/sessions/${encodeURIComponent(h.id)}${q(locale)}`, undefined, h.token, locale);
  }

  // The server answers in the session's own language unless ?locale= says otherwise, so after a
  // language switch every reply must ask for the resident's current language again.
  answer(h: SessionHandle, body: AnswerRequest, locale?: string): Promise<SessionState> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/answers${q(locale)}`, body, h.token);
  }

  /** An answered step again ("Wijzig"): its question and the answer given. */
  answeredStep(h: SessionHandle, node: string, locale?: string): Promise<AnsweredStep> {
    const lang = locale ? `&locale=${encodeURIComponent(locale)}` : '';
    return this.call(
      'GET',
      `/api/sessions/${encodeURIComponent(h.id)}/steps?node=${encodeURIComponent(node)}${lang}`,
      undefined,
      h.token,
      locale,
    );
  }

  back(h: SessionHandle, body: BackRequest, locale?: string): Promise<SessionState> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/back${q(locale)}`, body, h.token);
  }

  /** Keeps the resident's language with the session (a reload or a resume by code then speaks it). */
  setLocale(h: SessionHandle, locale: string): Promise<SessionState> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/locale${q()}`, { locale }, h.token);
  }

  /** A fresh resume code for this session (the first one is only in memory of the tab that began). */
  newResumeCode(h: SessionHandle): Promise<ResumeCodeIssued> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/resume-code`, {}, h.token);
  }

  resume(code: string): Promise<CreatedSession> {
    return this.call('POST', `/api/resume${q()}`, { code });
  }

  /** With a sessionId the server wants that session's token: proof the report comes from it. */
  reportConcern(body: ConcernRequest, h?: SessionHandle): Promise<ConcernReceipt> {
    return this.call('POST', '/api/concerns', body, body.sessionId ? h?.token : undefined);
  }

  /** "Mijn gegevens": everything stored about this session. */
  myData(h: SessionHandle): Promise<MyData> {
    return this.call('GET', `/api/sessions/${encodeURIComponent(h.id)}/my-data`, undefined, h.token);
  }

  revokeStaffAccess(h: SessionHandle): Promise<MyData> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/staff-access/revoke`, {}, h.token);
  }

  erase(h: SessionHandle): Promise<ErasedReceipt> {
    return this.call('POST', `/api/sessions/${encodeURIComponent(h.id)}/erase`, { confirm: true }, h.token);
  }

  withdrawConcern(statusToken: string): Promise<{ withdrawn: true; stillInCaseSystem: StillInCaseSystem[] }> {
    return this.call('POST', `/api/concerns/status/${encodeURIComponent(statusToken)}/withdraw`, {});
  }

  /** The municipality's names, numbers and theme (gemeente.json as served with its trees). */
  gemeente(name: string): Promise<GemeenteView> {
    return this.call('GET', `/api/gemeenten/${encodeURIComponent(name)}`);
  }

  concernStatus(statusToken: string): Promise<ConcernStatus> {
    return this.call('GET', `/api/concerns/status/${encodeURIComponent(statusToken)}`);
  }

  /** The Wmo melding's check-answers page for this session. */
  meldingPreview(h: SessionHandle, locale: string): Promise<MeldingPreview> {
    return this.call('GET', `/api/sessions/${encodeURIComponent(h.id)}/melding?lang=${encodeURIComponent(locale)}`, undefined, h.token);
  }

  makeMelding(body: MeldingRequest, h: SessionHandle): Promise<MeldingReceipt> {
    return this.call('POST', '/api/meldingen', body, h.token);
  }

  meldingStatus(statusToken: string): Promise<MeldingStatus> {
    return this.call('GET', `/api/meldingen/status/${encodeURIComponent(statusToken)}`);
  }

  /** The melding's PDF: a plain link, so the browser downloads it. */
  meldingPdfUrl(statusToken: string): string {
    return new URL(`/api/meldingen/status/${encodeURIComponent(statusToken)}/pdf`, this.base).href;
  }

  private async call<T>(method: string, path: string, body?: unknown, token?: string, locale?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    if (locale) headers['accept-language'] = locale;
    let res: Response;
    try {
      // globalThis.fetch is looked up per call so test interceptors installed later still apply.
      res = await globalThis.fetch(new URL(path, this.base).href, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ApiError('network', 0);
    }
    const json = await res.json().catch(() => undefined);
    if (res.ok && json !== undefined) return json as T;
    const problem = isProblem(json) ? json : undefined;
    throw new ApiError(kindOf(res.status), res.status, problem);
  }
}

/**
 * The widget shows the plan once the session is done, so it asks for states without it until
 * then (on the first municipality's trees the plan is most of every answer's response).
 */
const q = (locale?: string) => `?advice=when-done${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`;

function kindOf(status: number): FailureKind {
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403 || status === 404 || status === 410) return 'gone';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}

function isProblem(x: unknown): x is ProblemDetails {
  return typeof x === 'object' && x !== null && 'status' in x && 'title' in x;
}

/** 128 random bits as hex: crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
