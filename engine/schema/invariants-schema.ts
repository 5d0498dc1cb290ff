import { z } from 'zod';
import { LAYERS } from '../plan/layers.js';
import { Source } from './text.js';
import { NodeId, Rule, TreeId } from './tree-schema.js';

const Layer = z.enum(LAYERS);

/** What an assertion is about: one plan item ("tree/item-id"), a service, a layer or a kind (label, else layer). */
const Target = {
  item: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'an item is "<tree>/<item-id>"')
    .optional(),
  service: z.string().min(1).optional(),
  layer: Layer.optional(),
  kind: z.string().min(1).optional(),
};
type TargetOf = { item?: string; service?: string; layer?: string; kind?: string };
const exactlyOne = (allowed: (keyof typeof Target)[]) => (a: TargetOf, ctx: z.RefinementCtx) => {
  const named = (Object.keys(Target) as (keyof typeof Target)[]).filter((k) => a[k] !== undefined);
  if (named.length !== 1 || !allowed.includes(named[0]!)) {
    ctx.addIssue({ code: 'custom', message: `name exactly one of ${allowed.map((k) => `"${k}"`).join(', ')}` });
  }
};

export const Assertion = z.discriminatedUnion('is', [
  z
    .object({ is: z.literal('present'), ...Target })
    .strict()
    .superRefine(exactlyOne(['item', 'service', 'layer', 'kind']))
    .meta({ description: 'Every such plan has this item, service, layer or kind.' }),
  z
    .object({ is: z.literal('absent'), ...Target })
    .strict()
    .superRefine(exactlyOne(['item', 'service', 'layer', 'kind']))
    .meta({ description: 'No such plan has it.' }),
  z
    .object({ is: z.literal('in-doe-dit-eerst'), item: Target.item, service: Target.service })
    .strict()
    .superRefine(exactlyOne(['item', 'service']))
    .meta({ description: 'It is in the "Doe dit eerst" section.' }),
  z
    .object({ is: z.literal('first'), item: Target.item, service: Target.service })
    .strict()
    .superRefine(exactlyOne(['item', 'service']))
    .meta({ description: 'The first item of the plan is (or names) it.' }),
  z
    .object({ is: z.literal('preceded'), layer: Layer, by: z.array(Layer).min(1) })
    .strict()
    .meta({ description: 'Where the plan has an item of `layer`, an item of one of the `by` layers comes before the first one.' }),
  z
    .object({ is: z.literal('human-contact') })
    .strict()
    .meta({ description: 'The plan names a service with a phone number or an address (or a spoed item).' }),
]);
export type Assertion = z.infer<typeof Assertion>;

export const Invariant = z
  .object({
    id: NodeId,
    title: z.string().min(1).meta({ description: 'The rule in plain words, as the policy says it.' }),
    sources: z.array(Source).min(1, 'name the policy line or public page this rule comes from'),
    when: Rule.optional().meta({
      description: 'JSON Logic over answers as "<tree>.<question>" and profile facts as "profile.<fact>"; absent = every path.',
    }),
    assert: z.array(Assertion).min(1),
    roots: z.array(TreeId).min(1).optional().meta({
      description:
        "The root trees it is proved on (absent: every root tree). A rule about one door is proved on that door's own tree: the walk of a root carries every atom its rules name, so unrelated rules multiply each other's states.",
    }),
  })
  .strict();
export type Invariant = z.infer<typeof Invariant>;

export const InvariantsFile = z
  .object({ $schema: z.string().optional(), invariants: z.array(Invariant) })
  .strict()
  .meta({ description: 'Policy rules every plan must keep, proved on every path by npm run trees:check.' });
export type InvariantsFile = z.infer<typeof InvariantsFile>;
