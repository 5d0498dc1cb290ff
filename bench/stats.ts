export interface Row {
  name: string;
  value: number;
  unit: string;
  /** What the value is measured against in the same run, and the ratio (value ÷ baseline or inverse, see `better`). */
  baseline?: { name: string; value: number };
  /** "lower" when a lower value is better (times, sizes); the ratio then reads "× better" as baseline ÷ value. */
  better?: 'lower' | 'higher';
  target?: string;
  pass?: boolean;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * Runs fn `times` times after a warm-up, returning each run's duration in microseconds. For
 * sub-10 µs operations use `timeBatches`: a timer read per call costs and jitters as much as the call.
 */
export function timeEach(times: number, fn: (i: number) => void, warmup = Math.min(200, times)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn(i);
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

/** Runs fn in `batches` batches of `size` calls; returns the mean µs per call of each batch. */
export function timeBatches(batches: number, size: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < size * 2; i++) fn(i);
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < size; i++) fn(b * size + i);
    out.push(((performance.now() - t0) * 1000) / size);
  }
  return out;
}
