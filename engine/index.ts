// The public face of the engine: pure functions, no I/O. Runs unchanged in Node and the browser.
export { LocalizedText, Source } from './schema/text.js';
export { Tree, Node, AdviceItem, AdviceKind, Input, Rule, Door } from './schema/tree-schema.js';
export { Service, ServiceCatalog } from './schema/services-schema.js';
export type { Problem } from './verify/problem.js';
export { hasErrors, formatProblem } from './verify/problem.js';
export { verifyBundle, type BundleInput, type VerifiedBundle } from './verify/verify-bundle.js';
export { explore, type Exploration } from './verify/explore.js';
export { flatten } from './compile/flatten.js';
export type { FlatGraph, FlatNode } from './compile/flat-graph.js';
export { compile, type CompiledTree } from './compile/compile.js';
export { start, answer, back, revise, replay, type StepInput } from './session/session.js';
export { advice, PYRAMID, LEVEL_OF, type PlanItem, type PyramidLevel } from './session/advice.js';
export { explain, type Explanation } from './session/explain.js';
export { present, trail, type PresentedStep, type PresentedInput, type TrailEntry } from './session/present.js';
export { localize } from './text/localize.js';
export * from './session/types.js';
