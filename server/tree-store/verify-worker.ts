// Runs in a worker thread (bundle-verifier.ts workerVerifier): verifies one bundle and posts the verdict back. Only strings go in and plain problems come out: a deeply
// nested tree cannot be cloned across threads (structuredClone overflows at ~2,000 levels).
import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyLimits } from '../../engine/index.js';
import { verifyJob, type VerifyJob } from './bundle-verifier.js';

const { job, limits } = workerData as { job: VerifyJob; limits: Partial<VerifyLimits> };
parentPort!.postMessage(verifyJob(job, limits));
