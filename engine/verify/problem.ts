/** One finding of the loader or verifier. `code` is stable: tests, CI and editors key on it. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  /** The tree (gemeente/id) or file the problem is in. */
  where: string;
  /** JSON pointer into that tree or file (RFC 6901). */
  pointer: string;
  /** What is wrong and how to fix it. */
  message: string;
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

export function formatProblem(p: Problem): string {
  return `${p.severity.toUpperCase()} ${p.code} ${p.where}#${p.pointer || '/'}\n  ${p.message}`;
}
