import { z } from 'zod';
import { Source } from './text.js';
import { NodeId, QuestionNode } from './tree-schema.js';

/**
 * One profile question: an ordinary question node (texts, staff wording, input, sources) without
 * a `next` – where it leads is decided by the node that first needs it (see engine/compile/profile-gates.ts).
 */
export const ProfileQuestion = QuestionNode.omit({ kind: true, next: true })
  .extend({ sources: z.array(Source).min(1, 'name at least one source for a profile question') })
  .strict();
export type ProfileQuestion = z.infer<typeof ProfileQuestion>;

/**
 * trees/<gemeente>/profile.json: the facts about the person concerned that several trees read,
 * asked once per session, the first time a path needs one.
 */
export const Profile = z
  .object({
    $schema: z.string().optional(),
    gemeente: z.string().regex(/^[a-z][a-z0-9-]*$/),
    audienceFact: NodeId.optional().meta({
      description: 'The single-choice fact that says for whom the help is: value "zelf" = self, any other value = someone else.',
    }),
    facts: z.record(NodeId, ProfileQuestion),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;
