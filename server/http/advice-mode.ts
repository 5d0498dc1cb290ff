import type { Context } from 'hono';
import { AdviceMode } from '../api/schemas.js';
import { parse } from './validate.js';

/** `?advice=when-done` leaves the plan out of a state until the session is done; `full` by default. */
export function requestedAdvice(c: Context): AdviceMode {
  const value = c.req.query('advice');
  return value === undefined ? 'full' : parse(AdviceMode, value, { parameter: 'advice' });
}
