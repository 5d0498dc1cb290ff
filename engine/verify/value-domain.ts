import type { Input } from '../schema/tree-schema.js';

const MAX_SUBSETS_OPTIONS = 12;

/**
 * The answers worth trying at a question, when exploring exhaustively. Choices: every option (or
 * every allowed subset). Numbers and dates: the edges of their range and each constant a
 * condition compares them with, plus its neighbours – enough to take every branch a comparison
 * can tell apart.
 */
export function valueDomain(input: Input, compared: unknown[]): { values: unknown[]; complete: boolean } {
  switch (input.type) {
    case 'yesno':
      return { values: [true, false], complete: true };
    case 'single':
      return { values: input.options.map((o) => o.value), complete: true };
    case 'multi': {
      const options = input.options.map((o) => o.value);
      const min = input.min ?? 1;
      const max = input.max ?? options.length;
      if (options.length > MAX_SUBSETS_OPTIONS) {
        // Too many subsets to list: every option alone, all together, none (when allowed).
        const values: unknown[] = options.map((o) => [o]).filter((s) => s.length >= min);
        if (options.length <= max) values.push(options);
        return { values, complete: false };
      }
      const values: string[][] = [];
      for (let mask = 0; mask < 1 << options.length; mask++) {
        const subset = options.filter((_, i) => mask & (1 << i));
        if (subset.length >= min && subset.length <= max) values.push(subset);
      }
      return { values, complete: true };
    }
    case 'number': {
      const step = input.integer ? 1 : 0.5;
      const points = new Set<number>([input.min, input.max]);
      for (const c of compared) {
        if (typeof c !== 'number') continue;
        for (const v of [c - step, c, c + step]) if (v >= input.min && v <= input.max) points.add(v);
      }
      return { values: [...points].sort((a, b) => a - b), complete: true };
    }
    case 'date': {
      const points = new Set<string>([input.min ?? '1900-01-01', input.max ?? '2100-12-31']);
      for (const c of compared) {
        if (typeof c !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(c)) continue;
        for (const d of [-1, 0, 1]) points.add(shiftDate(c, d));
      }
      return { values: [...points].sort(), complete: true };
    }
    case 'text': {
      const values = new Set<unknown>(['tekst']);
      if (input.optional) values.add('');
      for (const c of compared) if (typeof c === 'string') values.add(c);
      return { values: [...values], complete: true };
    }
  }
}

function shiftDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
