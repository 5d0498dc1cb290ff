import { z } from 'zod';
import type { QueryParam, RouteDoc } from '../routes/route-doc.js';
import { State } from './response-schemas.js';

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. version-conflict, not-current-node.' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().optional().meta({ description: 'Where in the body (JSON pointer, RFC 6901); "" is the whole body.' }),
          parameter: z.string().optional().meta({ description: 'Which query parameter, when the fault is in the query string.' }),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
    state: State.optional().meta({ description: "On 409: the session's current state." }),
    requestId: z.string().optional().meta({ description: 'As in the X-Request-Id header; the server log lines carry it too.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const STAFF_ERRORS = {
  401: 'staff-login-required',
  403: 'role-not-allowed / origin-not-allowed',
} as const;
const STAFF_WRITE_ERRORS = { ...STAFF_ERRORS, 403: 'role-not-allowed / csrf-token-invalid / origin-not-allowed' } as const;

/**
 * One OpenAPI 3.1 document from the routes' docs. Request and response schemas are zod schemas
 * (zod 4's JSON Schema output is 2020-12, which 3.1 uses as is); a schema with `.meta({ id })`
 * becomes a named component, referenced wherever it is used.
 */
export function openApiDocument(routes: RouteDoc[], version: string): object {
  const components: Record<string, object> = {};
  const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => toComponent(schema, io, components);
  const problem = { 'application/problem+json': { schema: schemaOf(Problem, 'output') } };
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  for (const r of routes) {
    const operationId = r.operationId ?? derivedId(r);
    if (ids.has(operationId))
      throw new Error(`openapi-duplicate-operation: ${operationId} (${r.method} ${r.path}); give one an operationId.`);
    ids.add(operationId);
    const documented = { ...(r.auth === 'staff' ? (r.method === 'get' ? STAFF_ERRORS : STAFF_WRITE_ERRORS) : {}), ...r.responses };
    if (r.body) Object.assign(documented, { 413: 'body-too-large', 415: 'unsupported-media-type' }, r.responses);
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(documented)) {
      const ok = Number(status) < 400;
      responses[status] = ok
        ? {
            description,
            ...(r.response && status !== '204'
              ? { content: { [r.media ?? 'application/json']: { schema: schemaOf(r.response, 'output') } } }
              : {}),
          }
        : { description, content: problem };
    }
    const param = (where: 'query' | 'header') => (q: QueryParam) => ({
      name: q.name,
      in: where,
      required: q.required ?? false,
      description: q.description,
      schema: schemaOf(q.schema, 'input'),
    });
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth ? { security: [security(r)] } : {}),
      parameters: [
        ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
        ...(r.query ?? []).map(param('query')),
        ...(r.headers ?? []).map(param('header')),
      ],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vraagwijzer API',
      version,
      description:
        'Decision-tree sessions, resume codes, concern reports and Wmo meldingen; the staff console, the concern and meldingen inboxes, audit log and kitchen-table mode under /api/staff. Errors are RFC 9457 problem+json; downloads (PDF, CSV) and the live stream (Server-Sent Events) say their media type.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The session token from POST /api/sessions or /api/resume.' },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'vw_staff',
          description: 'Set by POST /api/staff/login (or the OIDC callback); named __Host-vw_staff over https.',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'On staff writes: the csrf value from the login response (also in the vw_csrf cookie).',
        },
      },
    },
  };
}

function security(r: RouteDoc): Record<string, string[]> {
  if (r.auth !== 'staff') return { bearer: [] };
  return r.method === 'get' ? { staffSession: [] } : { staffSession: [], csrf: [] };
}

/** post /api/staff/sessions/{id}/answers → postApiStaffSessionsIdAnswers */
function derivedId(r: RouteDoc): string {
  const words = r.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return r.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * Schemas with a `.meta({ id })` come out of zod as `$ref` + `$defs`; they become named
 * components (the refs rewritten to point there), so each type is in the document once, by name.
 */
function toComponent(schema: z.ZodType, io: 'input' | 'output', components: Record<string, object>): object {
  const { $schema: _drop, ...raw } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  const { $defs, ...rest } = json as { $defs?: Record<string, object> };
  Object.assign(components, $defs ?? {});
  return rest;
}
