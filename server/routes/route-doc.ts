import type { z } from 'zod';

/** What the OpenAPI document says about one route; each route file lists its own. */
export interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path syntax: /api/sessions/{id} */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Query parameters, each with what it does. */
  query?: QueryParam[];
  auth?: boolean;
  /** Status → description of the success and the problems this route can answer. */
  responses: Record<number, string>;
}

export interface QueryParam {
  name: string;
  description: string;
  schema: z.ZodType;
}
