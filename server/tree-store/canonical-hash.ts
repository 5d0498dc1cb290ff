import { createHash } from 'node:crypto';
import { jsonText } from './json-text.js';

/** JSON with object keys sorted: reformatting a file or reordering keys does not change its hash. */
export const canonicalJson = (value: unknown): string => jsonText(value, true);

export const contentHash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
