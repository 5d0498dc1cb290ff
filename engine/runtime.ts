// The browser-sized engine: run verified trees (flatten, compile, sessions, advice). No zod, so
// no schema validation here – trees reach a client only after the server has verified them.
export type { AudienceText, LocalizedText, Source } from './schema/text.js';
export type { Profile } from './schema/profile-schema.js';
export type { Tree, Node, AdviceItem, AdviceKind, Input, Rule } from './schema/tree-schema.js';
export type { Service, ServiceCatalog } from './schema/services-schema.js';
export { flatten } from './compile/flatten.js';
export type { FlatGraph, FlatNode } from './compile/flat-graph.js';
export { compile, type CompiledTree } from './compile/compile.js';
export { start, answer, back, revise, replay, type StepInput } from './session/session.js';
export { advice, type PlanItem } from './session/advice.js';
export { LAYERS, URGENCIES, type Layer, type Urgency } from './plan/layers.js';
export { SECTIONS, type Section } from './plan/compose.js';
export { explain, type Explanation } from './session/explain.js';
export { present, presentAnswered, trail, type PresentedStep, type PresentedInput, type TrailEntry } from './session/present.js';
export { localize } from './text/localize.js';
export * from './session/types.js';
