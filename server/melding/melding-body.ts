// The melding request: the minimum the municipality needs to contact the person (003 L119-127) –
// a name, postcode + huisnummer, a phone number and/or e-mail address, and when to call. Nothing
// else: the tree answers already say what the help is about.
import { z } from 'zod';

const IdempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" (a random UUID will do)');

/** Dutch postcodes: four digits (no leading 0), two letters; SA, SD and SS are never issued. */
export const POSTCODE = /^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$/i;

const Person = z.strictObject({
  name: z.string().trim().min(1, 'fill in a name').max(100),
  postcode: z
    .string()
    .trim()
    .regex(POSTCODE, 'a Dutch postcode such as "2011 AB"')
    .transform((p) => `${p.slice(0, 4)} ${p.slice(-2).toUpperCase()}`),
  huisnummer: z.int('a whole house number such as 12').min(1).max(99999),
  huisletter: z
    .string()
    .regex(/^[A-Za-z]$/, 'one letter, such as "a"')
    .optional(),
  toevoeging: z
    .string()
    .regex(/^[A-Za-z0-9]{1,4}$/, 'at most 4 letters or digits, such as "2" or "bis"')
    .optional(),
});

export const REACH_TIMES = ['ochtend', 'middag', 'maakt-niet-uit'] as const;

const Contact = z
  .strictObject({
    /** Whom to call back when the melding is for someone else (the asker). */
    name: z.string().trim().min(1).max(100).optional(),
    phone: z
      .string()
      .regex(/^[0-9 +()-]{6,20}$/, 'a phone number of digits, spaces and + - ( )')
      .optional(),
    email: z.email('an e-mail address such as naam@voorbeeld.nl').max(200).optional(),
    when: z.enum(REACH_TIMES),
  })
  .refine((c) => c.phone || c.email, { message: 'give a phone number or an e-mail address (or both)', path: ['phone'] });

const Fields = {
  idempotencyKey: IdempotencyKey,
  forWhom: z
    .enum(['zelf', 'ander'])
    .optional()
    .meta({ description: 'Only when the session does not know it yet (its profile fact for whom the help is).' }),
  consent: z.literal(true, { error: 'tick that the other person agreed to this melding' }).optional(),
  person: Person.meta({ description: 'The person the melding is for.' }),
  contact: Contact,
};

const consentWhenOther = (b: { forWhom?: string; consent?: true }, ctx: z.RefinementCtx) => {
  if (b.forWhom === 'ander' && b.consent !== true)
    ctx.addIssue({ code: 'custom', path: ['consent'], message: 'a melding for someone else needs their consent: tick that they agreed' });
};

export const MeldingBody = z
  .strictObject({ sessionId: z.string().min(1).max(100), ...Fields })
  .superRefine(consentWhenOther)
  .meta({ id: 'MeldingRequest' });

export const StaffMeldingBody = z
  .strictObject({ channel: z.enum(['telefoon', 'loket', 'wijkcoach']), ...Fields })
  .superRefine(consentWhenOther)
  .meta({ id: 'StaffMeldingRequest' });

/** The fields alone: the kitchen table's route, whose channel is always the coach's. */
export const MeldingFieldsBody = z.strictObject(Fields).superRefine(consentWhenOther).meta({ id: 'CoachMeldingRequest' });

export type MeldingFields = Omit<z.infer<typeof StaffMeldingBody>, 'channel'>;
export type MeldingPerson = MeldingFields['person'];
export type MeldingContact = MeldingFields['contact'];
