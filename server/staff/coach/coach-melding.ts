// The Wmo melding at the kitchen table (issue 21): the coach makes it with the resident, on the
// session the household plan links for a domain, recorded as made by the coach on the resident's
// behalf (as the console records a medewerker). The device queues it offline under a key it chose.
import type { MeldingPreview } from '../../api/melding-contract.js';
import type { MeldingFields } from '../../melding/melding-body.js';
import { kick, meldingModule } from '../../melding/melding-module.js';
import { offersMelding } from '../../melding/melding-summary.js';
import type { LoadedSession } from '../../sessions/load-session.js';
import type { Principal, StaffKit } from '../context.js';

/** A domain's melding in the household plan: made (its reference) or offered (the check-answers page). */
export type CoachMelding = { made: { reference: string }; preview: null } | { made: null; preview: MeldingPreview } | null;

export function coachMelding(kit: StaffKit) {
  const module = meldingModule(kit.deps);
  return {
    /** The preview is in the plan so that the device can show the check-answers page without a connection. */
    async forSession(loaded: LoadedSession): Promise<CoachMelding> {
      const made = await module.repo.bySession(loaded.row.id);
      if (made) return { made: { reference: made.reference }, preview: null };
      if (!offersMelding(loaded) || !module.texts.has(loaded.row.tree.split('/')[0]!)) return null;
      return { made: null, preview: await module.service.preview(loaded, 'nl') };
    },

    /** For the device, beside the offline trees: the municipality's melding words (Dutch), if it takes meldingen. */
    pageTexts(gemeente: string) {
      return module.texts.has(gemeente) ? module.service.pageTexts(gemeente, 'nl') : null;
    },

    async create(p: Principal, loaded: LoadedSession, fields: MeldingFields) {
      const author = { channel: 'wijkcoach' as const, staff: { id: p.account.id, name: p.account.displayName } };
      const { status, body, repeated } = await module.service.create(loaded, fields, author);
      await kit.deps.db.durable();
      // A repeat of the same request (the queue resending after a lost answer) was recorded the first time.
      if (!repeated)
        await kit.record(p, 'melding.create', 'melding', body.reference, {
          session: loaded.row.id,
          channel: 'wijkcoach',
          forWhom: body.forWhom,
        });
      kick(module, kit.deps);
      return { status, body, repeated };
    },
  };
}
