import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';

export interface Precompiled<O> {
  (executor: Kysely<any>, ...values: unknown[]): Promise<QueryResult<O>>;
  /** The query with these values, to run later or elsewhere (a write plan, write-plan.ts). */
  query(...values: unknown[]): CompiledQuery<O>;
}

/**
 * A Kysely query built and compiled once (in the builder's own dialect), then run many times with
 * new values. Building and compiling a query costs Kysely more than SQLite needs to run it
 * (profiled on an answer: about a seventh of its CPU time); the hot path keeps the SQL text and
 * only swaps the values. The builder gets one marker per value; each marker in the compiled
 * parameter list is replaced by the value at its position, anything else (a constant the builder
 * wrote) is kept.
 */
export function precompile<O>(arity: number, build: (...markers: never[]) => Compilable<O>): Precompiled<O> {
  const markers = Array.from({ length: arity }, (_, i) => `\u0000precompiled-${i}\u0000`);
  // Typed `never`: a marker stands in for a value of whatever type its column takes.
  const compiled = build(...(markers as never[])).compile();
  const missing = markers.filter((m) => !compiled.parameters.includes(m));
  if (missing.length) throw new Error(`precompile: ${missing.length} of ${arity} values are not used by: ${compiled.sql}`);
  const slots = compiled.parameters.map((p) => {
    const i = markers.indexOf(p as string);
    return i >= 0 ? { value: i } : { constant: p };
  });
  const query = (...values: unknown[]): CompiledQuery<O> => {
    if (values.length !== arity) throw new Error(`precompile: expected ${arity} values, got ${values.length} for: ${compiled.sql}`);
    const parameters = slots.map((s) => ('constant' in s ? s.constant : values[s.value]));
    return CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<O>;
  };
  const run = (executor: Kysely<any>, ...values: unknown[]) => executor.executeQuery(query(...values));
  return Object.assign(run, { query });
}
