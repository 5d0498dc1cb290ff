import { z } from 'zod';
import { Source } from './text.js';
import { TreeId } from './tree-schema.js';

/**
 * A scenario pins a path: these answers, in this order, must reach this end with this advice.
 * Node ids are flat ids (sub-flows joined with '/'), as `npm run trees:paths` prints them.
 */
export const Scenario = z
  .object({
    name: z.string().min(1),
    persona: z.string().optional().meta({ description: 'e.g. els, de-jong, baioumi (domain.md)' }),
    sources: z.array(Source).optional(),
    channel: z.enum(['web', 'telefoon', 'loket', 'wijkcoach']).optional(),
    answers: z.array(z.tuple([z.string(), z.unknown()])).meta({ description: '[flat node id, value] in order; info screens take null' }),
    expect: z
      .object({
        end: z.string().meta({ description: 'Flat id of the end node reached.' }),
        kinds: z
          .array(z.string())
          .optional()
          .meta({ description: "Exactly these kinds (an item's label, else its layer) are in the plan." }),
        items: z.array(z.string()).optional().meta({ description: 'These plan items ("tree/item-id") are in the plan.' }),
        services: z.array(z.string()).optional().meta({ description: 'These services are named by the plan.' }),
        absent: z.array(z.string()).optional().meta({ description: 'These kinds, layers or item ids are NOT in the plan.' }),
      })
      .strict(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioFile = z.object({ $schema: z.string().optional(), tree: TreeId, scenarios: z.array(Scenario).min(1) }).strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;
