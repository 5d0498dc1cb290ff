import { z } from 'zod';
import type { RouteDoc } from '../routes/route-doc.js';

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
    state: z.object({}).passthrough().optional().meta({ description: "On 409: the session's current SessionState." }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/**
 * OpenAPI 3.1 from the zod request schemas (zod 4's JSON Schema output is 2020-12, which 3.1
 * uses as is). Response shapes are the TypeScript types in server/api/contract.ts.
 */
export function openApiDocument(routes: RouteDoc[], version: string): object {
  const components: Record<string, object> = {};
  const schemaOf = (schema: z.ZodType) => toComponent(schema, components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(r.responses)) {
      const ok = Number(status) < 400;
      responses[status] = {
        description,
        content: ok
          ? { 'application/json': { schema: { type: 'object' } } }
          : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    if (r.body) {
      responses['413'] ??= {
        description: 'body-too-large',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
      responses['415'] ??= {
        description: 'unsupported-media-type',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: [
        ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
        ...(r.query ?? []).map((q) => ({
          name: q.name,
          in: 'query',
          required: false,
          description: q.description,
          schema: inline(q.schema),
        })),
      ],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vraagwijzer API',
      version,
      description: 'Decision-tree sessions, resume codes and concern reports. Errors are RFC 9457 problem+json.',
    },
    paths,
    components: {
      schemas: { ...components, Problem: inline(Problem) },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The session token from POST /api/sessions or /api/resume.' },
      },
    },
  };
}

/**
 * Schemas with a `.meta({ id })` come out of zod as `$ref` + `$defs`; they become named
 * components so the document (and the docs page) shows each request type once, by name.
 */
function toComponent(schema: z.ZodType, components: Record<string, object>): object {
  const json = JSON.parse(JSON.stringify(inline(schema)).replaceAll('#/$defs/', '#/components/schemas/')) as Record<string, unknown>;
  const { $defs, ...rest } = json as { $defs?: Record<string, object> };
  Object.assign(components, $defs ?? {});
  return rest;
}

function inline(schema: z.ZodType): object {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
