import { z } from 'zod';
import { IsoDate, LocalizedText, PlainText, Source } from './text.js';

/** One entry of the sociale kaart, shaped after Open Referral HSDS (organisation → service). */
export const Service = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    organisation: PlainText.min(1),
    name: LocalizedText,
    description: LocalizedText,
    contact: z
      .object({
        phone: z
          .string()
          .regex(/^[0-9 +-]{3,20}$/)
          .optional(),
        web: z.url({ protocol: /^https$/ }).optional(),
        email: z.email().optional(),
        address: PlainText.optional(),
        openingHours: LocalizedText.optional(),
      })
      .strict(),
    areaServed: z.array(z.string()).min(1),
    languages: z.array(z.string()).min(1),
    cost: LocalizedText,
    access: LocalizedText.meta({ description: 'How to get this help.' }),
    urgent: z.boolean().optional().meta({ description: 'Reachable day and night (spoed).' }),
    sources: z.array(Source).min(1),
    lastVerified: IsoDate,
    unverified: z
      .array(z.string())
      .optional()
      .meta({ description: 'Fields that could not be verified (e.g. "contact.phone"); shown as such.' }),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const ServiceCatalog = z.object({ $schema: z.string().optional(), gemeente: z.string(), services: z.array(Service) }).strict();
export type ServiceCatalog = z.infer<typeof ServiceCatalog>;
