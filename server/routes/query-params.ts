import { z } from 'zod';
import { AdviceMode, Locale } from '../api/schemas.js';
import type { QueryParam } from './route-doc.js';

// Query parameters more than one route module takes (parsed by server/http/locale.ts and
// advice-mode.ts); documented once here, so every route that takes them says the same.

export const LANG: QueryParam = {
  name: 'lang',
  description: "This response's language instead of the session's own (also as ?locale=).",
  schema: Locale,
};
export const ADVICE: QueryParam = {
  name: 'advice',
  description:
    'full (default): the plan so far in every state. when-done: the state leaves `advice` out until the session is done (the resident widget shows the plan at the end; on large trees it is most of the response).',
  schema: AdviceMode,
};
export const NODE: QueryParam = { name: 'node', description: 'The answered step to show: a node id from the trail.', schema: z.string() };
