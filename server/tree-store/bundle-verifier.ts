import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { verifyBundle, type BundleInput, type Problem, type VerifyLimits } from '../../engine/index.js';
import { parseBundle, type BundleFiles } from './read-bundle.js';

const WORKER = new URL('./verify-worker.ts', import.meta.url).href;
// Resolved here, not in the thread: an eval'd worker resolves bare names from the working directory.
// require.resolve gives the CommonJS entry of tsx/esm/api; its ES module twin lies next to it.
const TSX = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/** What the verifier says about a bundle: every problem, and the trees that may serve. */
export interface Verdict {
  problems: Problem[];
  /** Tree ids with a graph: verified without errors. */
  accepted: string[];
  /** Answer states explored per tree, and the whole run's wall time. */
  states: Record<string, number>;
  ms: number;
}

/**
 * What to verify: a municipality folder's files as read, or a stored bundle (BundleInput as JSON
 * text, written with jsonText). Only text crosses to the worker: cloning a deeply nested tree
 * overflows the call stack.
 */
export type VerifyJob = { files: BundleFiles } | { stored: string };

/** Verifies a bundle; the server injects one that runs off the event loop. */
export type BundleVerifier = (job: VerifyJob) => Promise<Verdict>;

export function verifyJob(job: VerifyJob, limits: Partial<VerifyLimits>): Verdict {
  const started = performance.now();
  const input = 'files' in job ? parseBundle(job.files).input : (JSON.parse(job.stored) as BundleInput);
  const verified = verifyBundle(input, { limits });
  const states: Record<string, number> = {};
  for (const [id, e] of verified.explorations) states[id] = e.states;
  return { problems: verified.problems, accepted: [...verified.graphs.keys()], states, ms: performance.now() - started };
}

/** On the calling thread: for tests and scripts, where nothing else has to be served meanwhile. */
export const inlineVerifier =
  (limits: Partial<VerifyLimits> = {}): BundleVerifier =>
  async (job) =>
    verifyJob(job, limits);

/**
 * Each verification in a worker thread of its own (verify-worker.ts), so the event loop keeps
 * serving while a large bundle is explored, and the thread's memory is given back when it ends.
 * `memoryMb` caps the thread's heap: past it the thread dies, not the server, and the bundle is
 * refused (the state budget should stop it well before; this is the backstop).
 */
export function workerVerifier(limits: Partial<VerifyLimits> = {}, memoryMb = 1024): BundleVerifier {
  return (job) =>
    new Promise<Verdict>((resolve, reject) => {
      // The worker is TypeScript, like the engine it runs: register the loader the server runs with
      // (tsx) in the thread first. Node 20 does not apply `--import` from a worker's execArgv.
      const bootstrap = `import(${JSON.stringify(TSX)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); })`;
      const worker = new Worker(bootstrap, {
        eval: true,
        workerData: { job, limits },
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      });
      worker.once('message', (verdict: Verdict) => {
        resolve(verdict);
        void worker.terminate();
      });
      worker.once('error', (err) => reject(err));
      worker.once('exit', (code) => reject(new Error(`the verifier thread stopped (exit code ${code}) before it gave a verdict`)));
    });
}
