import type { ProblemDetails, ProblemField, SessionState } from '../api/contract.js';
import { currentRequestId } from './request-context.js';

export type FieldError = ProblemField;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  499: 'Client closed request',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * The server's one error class. Thrown anywhere in a request, it becomes an RFC 9457
 * problem+json response; `code` is stable for clients, `detail` says what to do next.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; state?: SessionState; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  toProblem(): ProblemDetails {
    return {
      type: `https://vraagwijzer.nl/problems/${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...(this.extra.state ? { state: this.extra.state } : {}),
    };
  }
}

export function problemResponse(err: ApiError): Response {
  // The id a support desk can find the server's log lines by.
  const requestId = currentRequestId();
  return new Response(JSON.stringify({ ...err.toProblem(), ...(requestId ? { requestId } : {}) }), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...err.extra.headers },
  });
}
