// The casus bank's format (trees/<gemeente>/casus/*.json). It lives beside the quality report, not in
// engine/schema: no engine code, server or widget reads a casus (readBundle skips casus/); only
// `npm run trees:quality` and its tests do. The JSON schema is generated from it by scripts/schema-gen.ts.
import { z } from 'zod';
import { TreeId } from '../../engine/schema/tree-schema.js';

const kebab = /^[a-z0-9][a-z0-9-]*$/;
// The layers and plan sections of CONTRACT.md (AdviceItem.layer, PlanItem.section). Spelled out here, not
// imported, because the engine's list moves while issue 16 lands (engine/session/advice.ts PYRAMID on
// main, engine/plan/layers.ts LAYERS on the plan branch); import it once both have merged.
const LAYERS = ['spoed', 'eigen-kracht', 'informeel', 'algemeen', 'maatwerk', 'vangnet'] as const;
const SECTIONS = ['spoed', 'doe-dit-eerst', 'pyramid', 'vangnet'] as const;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

/**
 * What a plan element is: a service card, a pyramid layer, one advice item, a section of the composed
 * plan, or a regular expression over the plan's texts (for promises and bystander advice).
 */
export const Ref = z
  .string()
  .regex(
    new RegExp(
      `^(service:[a-z0-9][a-z0-9-]*|layer:(${LAYERS.join('|')})|item:[a-z0-9-]+/[a-z0-9-]+|section:(${SECTIONS.join('|')})|text:.+)$`,
    ),
    'a reference is service:<id>, layer:<layer>, item:<tree>/<item>, section:<section> or text:<regex>',
  )
  .refine((ref) => !ref.startsWith('text:') || compiles(ref.slice(5)), 'text: takes a valid regular expression')
  .meta({ description: 'service:<id> | layer:<layer> | item:<tree>/<item> | section:<section> | text:<regex, case-insensitive>' });
export type Ref = z.infer<typeof Ref>;

export const Expected = z.union([
  Ref,
  z
    .object({
      ref: Ref,
      section: z.enum(['spoed', 'doe-dit-eerst']).optional().meta({ description: 'The element must be in this section of the plan.' }),
      first: z.boolean().optional().meta({ description: 'The element must be the plan’s first item.' }),
      why: z.string().min(1).optional(),
    })
    .strict(),
]);
export type Expected = z.infer<typeof Expected>;

/** `<tree>.<question>` (tree id + the question's local id) or `profile.<fact>`. */
export const AnswerKey = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'answer keys are "<tree>.<question>" or "profile.<fact>"');

const Door = z.enum(['oplossing', 'helpen', 'zorgen', 'spoed']);

export const AnswerSet = z
  .object({
    id: z.string().regex(kebab),
    language: z.enum(['nl', 'en']),
    door: Door.optional().meta({
      description: 'The door this set takes, when it is not the case’s door (e.g. a relative who takes the concern door).',
    }),
    note: z.string().min(1).optional(),
    answers: z.record(AnswerKey, z.unknown()),
  })
  .strict();
export type AnswerSet = z.infer<typeof AnswerSet>;

export const Casus = z
  .object({
    id: z.string().regex(kebab),
    title: z.string().min(1),
    door: Door,
    domains: z.array(z.string().regex(kebab)).min(1),
    who: z.enum(['self', 'other']),
    age: z.enum(['jong', 'midden', 'oud']),
    duration: z.enum(['tijdelijk', 'blijvend', 'eenmalig']),
    urgent: z.boolean(),
    situation: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    expect: z.array(Expected).min(1),
    order: z.array(z.tuple([Ref, Ref])).meta({ description: '[A, B]: the first item showing A comes before the first showing B.' }),
    forbid: z.array(z.object({ ref: Ref, why: z.string().min(1) }).strict()),
    missingServices: z
      .array(z.string().regex(kebab))
      .optional()
      .meta({ description: 'Services this case expects that services.json does not have (yet); any other unknown id is a typo.' }),
    answerSets: z.array(AnswerSet).min(1),
  })
  .strict();
export type Casus = z.infer<typeof Casus>;

export const CasusFile = z
  .object({
    $schema: z.string().optional(),
    tree: TreeId.meta({ description: 'The tree a resident starts in (every door is reached from it).' }),
    cases: z.array(Casus).min(1),
  })
  .strict();
export type CasusFile = z.infer<typeof CasusFile>;
