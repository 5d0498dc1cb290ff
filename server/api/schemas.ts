// Request schemas: the single source for validation and for the OpenAPI document. All objects are
// strict – an unknown field is an error, not silently dropped – and every string is bounded.
import { z } from 'zod';

export const Locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language code such as "nl", "en" or "en-GB"');
/**
 * The public API is the resident's own door. Which staff door an answer came through (telefoon,
 * loket, wijkcoach) is recorded only by the signed-in staff routes, so nobody can claim it here.
 */
const ChannelSchema = z.literal('web', {
  error: 'channel can only be "web" here; staff channels are set by the staff console (/api/staff/…).',
});
const IdempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" (a random UUID or 32 hex characters will do)')
  .meta({ description: 'Client-chosen; repeating a request with the same key returns the first result.' });
const Version = z.int().min(0).meta({ description: 'The session version the client last saw (optimistic concurrency).' });

export const CreateSessionBody = z
  .strictObject({
    tree: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a tree id such as "haarlem/start"'),
    channel: ChannelSchema.optional(),
    locale: Locale.optional(),
  })
  .meta({ id: 'CreateSessionRequest' });

/** The value types a question can take: option, options, yes/no, number, text, date, null (info). */
export const AnswerValue = z.union([z.string().max(4000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]);

export const AnswerBody = z
  .strictObject({
    node: z.string().min(1).max(300),
    value: AnswerValue,
    version: Version,
    idempotencyKey: IdempotencyKey,
    channel: ChannelSchema.optional().meta({ description: 'Always "web" on the public API; staff answers go through /api/staff/….' }),
  })
  .meta({ id: 'AnswerRequest' });

export const BackBody = z.strictObject({ version: Version, idempotencyKey: IdempotencyKey }).meta({ id: 'BackRequest' });

export const ResumeBody = z
  .strictObject({
    code: z.string().min(4).max(20).meta({ description: 'The resume code, e.g. "K7MW-4QPX" (case and dashes do not matter).' }),
  })
  .meta({ id: 'ResumeRequest' });

const Reporter = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  phone: z
    .string()
    .regex(/^[0-9 +()-]{6,20}$/, 'a phone number of digits, spaces and + - ( )')
    .optional(),
  email: z.email().max(200).optional(),
});

export const ConcernBody = z
  .strictObject({
    sessionId: z.string().min(1).max(100).optional(),
    gemeente: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    about: z.enum(['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders']),
    noticed: z.string().trim().min(1).max(2000).meta({ description: 'What was noticed. Stored and shown as plain text only.' }),
    urgency: z.enum(['niet-dringend', 'binnen-een-week', 'dringend']),
    area: z.string().trim().max(100).optional().meta({ description: 'A neighbourhood or street, never a full address.' }),
    reporter: Reporter.nullable().optional(),
    idempotencyKey: IdempotencyKey,
  })
  .meta({ id: 'ConcernRequest' });

export const LangQuery = z.strictObject({ lang: Locale.optional(), locale: Locale.optional() });

/**
 * How much of the plan a session state carries. `full` (the default): the plan so far in every
 * state, as the staff console shows it forming. `when-done`: only once the session is done – the
 * resident widget shows the plan at the end, and on Haarlem's trees the plan is ~12 KB of the
 * ~14.5 KB of every answer's response.
 */
export const AdviceMode = z.enum(['full', 'when-done']);
export type AdviceMode = z.infer<typeof AdviceMode>;
