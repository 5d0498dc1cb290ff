import type { z } from 'zod';
import { escapePointer } from '../logic/rule-scan.js';
import type { Problem } from './problem.js';

/** Turns zod issues into problems with JSON pointers, one per issue. */
export function schemaProblems(error: z.ZodError, where: string): Problem[] {
  return error.issues.map((issue) => ({
    code: codeOf(issue),
    severity: 'error' as const,
    where,
    pointer: issue.path.map((s) => `/${escapePointer(String(s))}`).join(''),
    message: hint(issue),
  }));
}

/** Limits get their own codes (engine/schema/limits.ts), so editors and CI can key on them. */
function codeOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && typeof issue.params?.code === 'string') return issue.params.code;
  if (issue.code === 'too_big' && issue.origin === 'string') return 'text-too-long';
  if (issue.code === 'too_big' && issue.origin === 'array') {
    const field = issue.path[issue.path.length - 1];
    return field === 'options' ? 'too-many-options' : field === 'items' ? 'too-many-items' : 'list-too-long';
  }
  return 'schema';
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
