import type { z } from 'zod';

/**
 * What the OpenAPI document says about one route; each route file lists its own (a `…Docs`
 * array), and server/api/route-docs.ts gathers the lists. A route that is served but not listed
 * fails server/api/openapi.test.ts, so documenting a new route is one entry beside its handler.
 */
export interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path syntax: /api/sessions/{id} */
  path: string;
  /** Unique across the API; derived from the method and path when left out (getApiSessionsId). */
  operationId?: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Query parameters, each with what it does. */
  query?: QueryParam[];
  /** Request headers the route reads (besides authentication). */
  headers?: QueryParam[];
  /** `true`: a session's bearer token. `'staff'`: a signed-in staff member (cookie; writes also X-CSRF-Token). */
  auth?: boolean | 'staff';
  /** The success body (JSON unless `media` says otherwise). Leave out only for a success without a body (204). */
  response?: z.ZodType;
  /** The success body's media type when it is not JSON: a download or an event stream. */
  media?: 'application/pdf' | 'text/csv' | 'text/event-stream';
  /** Status → description of the success and the problems this route can answer. */
  responses: Record<number, string>;
}

export interface QueryParam {
  name: string;
  description: string;
  schema: z.ZodType;
  required?: boolean;
}

/** The query parameters of a strict object schema (as `parse(…, { query: true })` reads them). */
export function queryOf(schema: z.ZodObject): QueryParam[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    description: (field as z.ZodType).description ?? '',
    schema: field as z.ZodType,
  }));
}
