import type { z } from 'zod';
import { escapePointer } from '../logic/rule-scan.js';
import type { Problem } from './problem.js';

/** Turns zod issues into problems with JSON pointers, one per issue. */
export function schemaProblems(error: z.ZodError, where: string): Problem[] {
  return error.issues.map((issue) => ({
    code: 'schema',
    severity: 'error' as const,
    where,
    pointer: issue.path.map((s) => `/${escapePointer(String(s))}`).join(''),
    message: hint(issue),
  }));
}

function hint(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `Unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove them or check the spelling (trees/schema/tree.schema.json lists every field).`;
  }
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note) return `${issue.message} (${issue.note})`;
  if (issue.code === 'invalid_union')
    return `${issue.message}: the value matches none of the allowed shapes. Check "kind"/"type" and the fields that go with it.`;
  return issue.message;
}
