import { z } from 'zod';
import { LAYERS, LEGACY_KINDS, MIGRATION, URGENCIES } from '../plan/layers.js';
import { checkRuleShape, LIMITS } from './limits.js';
import { AudienceText, IsoDate, LocalizedText, Source } from './text.js';

/** Node ids are local to a tree; flattened ids join call sites with '/'. */
export const NodeId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'node ids are kebab-case: a-z, 0-9 and -');
export const TreeId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'tree ids are kebab-case: a-z, 0-9 and -');

/** A JSON Logic rule. Operators and var paths are checked by the verifier (allow-list). */
export const Rule = z
  .union([z.boolean(), z.record(z.string(), z.unknown())])
  .superRefine(checkRuleShape)
  .meta({ description: 'JSON Logic rule; see engine/logic/allow-list.ts for the operators allowed.' });
export type Rule = z.infer<typeof Rule>;

export const Route = z.object({ when: Rule, to: NodeId }).strict();

/** Where to go next: a node id, or ordered routes (first match wins) with a mandatory fallback. */
export const Next = z.union([
  NodeId,
  z
    .object({
      routes: z.array(Route).min(1),
      otherwise: NodeId,
      exclusive: z.boolean().optional().meta({ description: 'true: at most one route may match; the verifier flags overlaps.' }),
    })
    .strict(),
]);
export type Next = z.infer<typeof Next>;

export const OptionValue = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'option values are kebab-case');
export const Option = z
  .object({
    value: OptionValue,
    label: AudienceText,
    help: AudienceText.optional(),
    inert: z
      .boolean()
      .optional()
      .meta({ description: 'true: this option is meant to lead to the same plan as another (no option-inert warning).' }),
  })
  .strict();

const Options = z.array(Option).min(2).max(LIMITS.optionsPerQuestion, `at most ${LIMITS.optionsPerQuestion} options: split the question`);

export const Input = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), options: Options }).strict(),
  z
    .object({
      type: z.literal('multi'),
      options: Options,
      min: z.int().min(0).optional(),
      max: z.int().min(1).optional(),
    })
    .strict(),
  z.object({ type: z.literal('yesno') }).strict(),
  z
    .object({
      type: z.literal('number'),
      min: z.number(),
      max: z.number(),
      integer: z.boolean().optional(),
      unit: LocalizedText.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('text'),
      maxLength: z.int().min(1).max(2000),
      optional: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('date'), min: IsoDate.optional(), max: IsoDate.optional() }).strict(),
]);
export type Input = z.infer<typeof Input>;

export const AdviceKind = z.enum(LEGACY_KINDS).meta({
  description: "Legacy: the first format's advice kind. Read as layer + label; scripts/migrate-kinds.ts rewrites it.",
});
export type AdviceKind = z.infer<typeof AdviceKind>;
export const Layer = z
  .enum(LAYERS)
  .meta({ description: 'Pyramid layer: spoed, then eigen kracht → informeel → algemeen → maatwerk → vangnet.' });
export const Urgency = z.enum(URGENCIES).meta({
  description: 'Time-critical: now (112, Veilig Thuis, 113), today or this-week. Up to three go to "Doe dit eerst".',
});

export const AdviceItem = z
  .object({
    id: NodeId,
    layer: Layer.optional(),
    kind: AdviceKind.optional(),
    label: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'labels are kebab-case')
      .optional()
      .meta({ description: 'A local label (key into gemeente.json labels.kinds), e.g. "buuv".' }),
    urgency: Urgency.optional(),
    urgentWhy: LocalizedText.optional().meta({ description: 'Why this cannot wait, shown in "Doe dit eerst".' }),
    when: Rule.optional().meta({ description: 'Only in the plan when this holds; reads like a route condition of this tree.' }),
    title: AudienceText,
    text: AudienceText,
    why: AudienceText.meta({ description: 'Why this advice, in plain words; explain() adds the answers.' }),
    services: z.array(z.string()).optional(),
    action: z
      .enum(['concern-report', 'wmo-melding'])
      .optional()
      .meta({ description: 'An application the widget can start right after the tree.' }),
    sources: z.array(Source).min(1),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (!item.layer && !item.kind)
      ctx.addIssue({ code: 'custom', path: ['layer'], message: `item "${item.id}" needs a "layer" (${LAYERS.join(', ')})` });
    if (item.layer && item.kind && MIGRATION[item.kind].layer !== item.layer) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `kind "${item.kind}" means layer "${MIGRATION[item.kind].layer}", not "${item.layer}": drop the legacy "kind"`,
      });
    }
    if (item.urgentWhy && !item.urgency) ctx.addIssue({ code: 'custom', path: ['urgentWhy'], message: 'urgentWhy without an "urgency"' });
  });
export type AdviceItem = z.infer<typeof AdviceItem>;

const staff = AudienceText.optional().meta({ description: 'What a phone or loket agent says aloud.' });

export const QuestionNode = z
  .object({
    kind: z.literal('question'),
    text: AudienceText,
    short: AudienceText.optional().meta({ description: 'Short label for overviews and explain().' }),
    help: AudienceText.optional(),
    staff,
    input: Input,
    next: Next,
    sources: z.array(Source).optional(),
  })
  .strict();
export const InfoNode = z
  .object({ kind: z.literal('info'), text: LocalizedText, staff, next: Next, sources: z.array(Source).optional() })
  .strict();
export const AdviceNode = z
  .object({
    kind: z.literal('advice'),
    items: z.array(AdviceItem).min(1).max(LIMITS.itemsPerAdvice, `at most ${LIMITS.itemsPerAdvice} items: split the advice node`),
    next: Next,
    sources: z.array(Source).optional(),
  })
  .strict();
export const RouteNode = z.object({ kind: z.literal('route'), next: Next, sources: z.array(Source).optional() }).strict();
export const FlowNode = z
  .object({
    kind: z.literal('flow'),
    tree: TreeId,
    next: NodeId.optional().meta({ description: 'Continue here after the sub-flow; absent = hand over for good.' }),
  })
  .strict();
export const EachNode = z
  .object({
    kind: z.literal('each'),
    over: NodeId.meta({ description: 'A multi-choice question of this tree.' }),
    flows: z.record(OptionValue, TreeId),
    next: NodeId,
  })
  .strict();
export const EndNode = z.object({ kind: z.literal('end'), text: AudienceText, staff }).strict();

export const Node = z.discriminatedUnion('kind', [QuestionNode, InfoNode, AdviceNode, RouteNode, FlowNode, EachNode, EndNode]);
export type Node = z.infer<typeof Node>;
export type QuestionNode = z.infer<typeof QuestionNode>;
export type NodeKind = Node['kind'];

export const Door = z.enum(['start', 'oplossing', 'helpen', 'zorgen', 'sub']);

export const Tree = z
  .object({
    $schema: z.string().optional(),
    id: TreeId,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is semver: MAJOR.MINOR.PATCH'),
    gemeente: z.string().regex(/^[a-z][a-z0-9-]*$/),
    door: Door,
    domain: z.string().optional().meta({ description: 'For door "sub": the life domain it covers.' }),
    status: z.enum(['draft', 'published']),
    title: LocalizedText,
    description: LocalizedText.optional(),
    sources: z.array(Source).min(1, 'name at least one source (seed lines or a public page)'),
    lastReviewed: IsoDate,
    start: NodeId,
    profile: z
      .array(NodeId)
      .optional()
      .meta({ description: 'The profile facts (trees/<gemeente>/profile.json) this tree reads as {"var": "profile.<fact>"}.' }),
    derived: z.record(NodeId, z.object({ rule: Rule, label: LocalizedText.optional() }).strict()).optional(),
    nodes: z.record(NodeId, Node).superRefine((nodes, ctx) => {
      const count = Object.keys(nodes).length;
      if (count <= LIMITS.nodesPerTree) return;
      ctx.addIssue({
        code: 'custom',
        params: { code: 'tree-too-large' },
        message: `${count} nodes; a tree holds at most ${LIMITS.nodesPerTree}. Move parts into sub-flows (kind "flow").`,
      });
    }),
  })
  .strict();
export type Tree = z.infer<typeof Tree>;
