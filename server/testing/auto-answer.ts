import type { PresentedStep } from '../api/contract.js';

/** A valid answer for any step: how tests, the crash test and the benchmark walk a tree. */
export function autoAnswer(step: PresentedStep): unknown {
  const input = step.input;
  if (!input) return null;
  switch (input.type) {
    case 'single':
      return input.options[0]!.value;
    case 'multi':
      return input.options.slice(0, Math.max(input.min ?? 1, input.max ?? input.options.length)).map((o) => o.value);
    case 'yesno':
      return true;
    case 'number':
      return Math.min(input.max, Math.max(input.min, 80));
    case 'text':
      return 'tekst';
    case 'date':
      return input.min ?? '2000-01-01';
  }
}
