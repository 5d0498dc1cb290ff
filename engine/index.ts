// The public face of the engine: pure functions, no I/O. Runs unchanged in Node and the browser.
// `runtime.ts` is the part a browser client needs; this adds the schemas and the verifier.
export * from './runtime.js';
export { AudienceText, LocalizedText, Source } from './schema/text.js';
export { Profile } from './schema/profile-schema.js';
export { Tree, Node, AdviceItem, AdviceKind, Input, Rule, Door } from './schema/tree-schema.js';
export { Service, ServiceCatalog } from './schema/services-schema.js';
export { GemeenteConfig } from './schema/gemeente-schema.js';
export type { Problem } from './verify/problem.js';
export { hasErrors, formatProblem } from './verify/problem.js';
export { verifyBundle, type BundleInput, type VerifiedBundle, type VerifyOptions } from './verify/verify-bundle.js';
export { DEFAULT_LIMITS, type VerifyLimits } from './verify/budget.js';
export { LIMITS } from './schema/limits.js';
export { explore, type Exploration } from './verify/explore.js';
export { acceptedBundle } from './verify/accepted-bundle.js';
export type { InvariantResult } from './verify/invariant-problems.js';
export { InvariantsFile, Invariant, Assertion } from './schema/invariants-schema.js';
