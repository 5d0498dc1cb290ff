import type { Context } from 'hono';
import type { z } from 'zod';
import { refuseNulInBody } from './nul-guard.js';
import { ApiError, type FieldError } from './problem.js';

/**
 * Reads and validates a JSON body. 415 for another media type, 400 for JSON that does not
 * parse, 422 with one entry per field at fault (JSON pointer) for JSON that does not fit.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError(
      415,
      'unsupported-media-type',
      `Send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'malformed-json', `The body is not valid JSON: ${(err as Error).message}.`);
  }
  refuseNulInBody(raw);
  return parse(schema, raw, { body: true });
}

/**
 * Where a value came from, which decides how its faults are named: by JSON pointer in the body, by
 * parameter name in the query string (all of it, or one parameter).
 */
export type Place = { body: true } | { query: true } | { parameter: string };

export function parse<S extends z.ZodType>(schema: S, value: unknown, place: Place): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const inBody = 'body' in place;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys')
      return [{ ...at(place, issue.path), code: issue.code.replace(/_/g, '-'), message: issue.message }];
    // An unknown key is reported once per key, each at its own place, so a client can name it.
    return issue.keys.map((key) => ({
      ...at(place, [...issue.path, key]),
      code: inBody ? 'unknown-field' : 'unknown-parameter',
      message: `Unknown ${inBody ? 'field' : 'query parameter'} "${key}": remove it.`,
    }));
  });
  const what = inBody ? 'body' : 'query' in place ? 'query string' : `query parameter "${place.parameter}"`;
  // One parameter is named once, in `what`; in a body or a whole query string each fault says where.
  const where = (e: FieldError) => ('parameter' in place ? '' : e.parameter !== undefined ? `"${e.parameter}": ` : `${e.pointer || '/'} `);
  throw new ApiError(422, 'validation-failed', `The ${what} does not fit: ${errors.map((e) => `${where(e)}${e.message}`).join('; ')}.`, {
    errors,
  });
}

function at(place: Place, path: readonly PropertyKey[]): { pointer: string } | { parameter: string } {
  if ('parameter' in place) return { parameter: place.parameter };
  if ('query' in place) return { parameter: String(path[0] ?? '') };
  return { pointer: toPointer(path) };
}

const toPointer = (path: readonly PropertyKey[]) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
