import type { MiddlewareHandler } from 'hono';
import { ApiError, type FieldError } from './problem.js';

// U+0000 in text is refused before it reaches storage. PostgreSQL cannot store it in `text` or
// `jsonb` at all (a 500 from the driver, found by fuzzing), SQLite would store it and cut it short
// in some readers; no id, answer or report ever needs it. One rule for every backend: a 422 that
// names the field.

const NUL_MESSAGE = 'Contains a NUL character (U+0000, "\\u0000" or %00), which no id or text may hold: remove it.';

/** Where U+0000 occurs in a parsed JSON value – in keys as well as strings – as JSON pointers. */
export function nulPointers(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [pointer || ''] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [...(key.includes('\0') ? [at] : []), ...nulPointers(v, at)];
  });
}

/** Throws the 422 for a JSON body holding U+0000 anywhere. */
export function refuseNulInBody(body: unknown): void {
  const errors: FieldError[] = nulPointers(body).map((pointer) => ({ pointer, code: 'nul-character', message: NUL_MESSAGE }));
  if (errors.length)
    throw new ApiError(
      422,
      'validation-failed',
      `The body does not fit: ${errors.map((e) => e.pointer || '/').join(', ')} ${NUL_MESSAGE}`,
      {
        errors,
      },
    );
}

/** The path and query string: an id in the path, or a parameter, with %00 in it. */
export function refuseNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    // The common case costs one search of the raw URL.
    if (!/%00|\0/i.test(url)) return next();
    const { pathname, searchParams } = new URL(url);
    const inPath = /%00|\0/i.test(pathname);
    // The path has no field to point at: the detail names it; each query parameter is an entry.
    const errors: FieldError[] = [...searchParams]
      .filter(([name, value]) => name.includes('\0') || value.includes('\0'))
      .map(([name]) => ({ parameter: name, code: 'nul-character', message: NUL_MESSAGE }));
    if (!inPath && !errors.length) return next();
    const where = [...(inPath ? ['the path'] : []), ...errors.map((e) => `query parameter "${e.parameter}"`)];
    throw new ApiError(422, 'validation-failed', `The address does not fit: ${where.join(', ')} ${NUL_MESSAGE}`, {
      ...(errors.length ? { errors } : {}),
    });
  };
}
