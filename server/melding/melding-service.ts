import { meldingForWhom } from '../../engine/text/audience.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';
import { hashSecret } from '../ids.js';
import type { LoadedSession } from '../sessions/load-session.js';
import { canonicalJson } from '../tree-store/canonical-hash.js';
import { localize } from '../../engine/index.js';
import type { MeldingPreview, MeldingReceipt } from '../api/melding-contract.js';
import type { MeldingFields } from './melding-body.js';
import { MELDING_SCOPE, type MeldingRepo, type MeldingenTable } from './melding-repo.js';
import { meldingSummary, offersMelding } from './melding-summary.js';
import { say, type MeldingTexts } from './melding-texts.js';

/** Who makes the melding: the resident online, or a medewerker on behalf of a caller. */
export interface MeldingAuthor {
  channel: 'web' | 'telefoon' | 'loket' | 'wijkcoach';
  staff?: { id: string; name: string };
}

/** The municipality's profile fact for whom the help is (engine: audienceFact), or profile.voor-wie. */
const knownForWhom = ({ served, view }: LoadedSession) => meldingForWhom(served.compiled.graph.profile?.audienceFact, view.answers);

export function meldingService(deps: Deps, repo: MeldingRepo, texts: Map<string, MeldingTexts>, registers: (gemeente: string) => boolean) {
  const { ids, clock } = deps;

  function textsOf(gemeente: string): MeldingTexts {
    const t = texts.get(gemeente);
    if (!t)
      throw new ApiError(
        404,
        'melding-not-offered',
        `${gemeente} takes no meldingen here yet (no trees/${gemeente}/melding/texts.json). Call the municipality instead.`,
      );
    return t;
  }

  /** The municipality's words of the check-answers page and the confirmation (also kept on the coach's device). */
  function pageTexts(gemeente: string, locale: string): Pick<MeldingPreview, 'consentText' | 'nextSteps' | 'contact'> {
    const t = texts.get(gemeente);
    const kcc = deps.trees.config(gemeente)?.kcc;
    return {
      consentText: t ? say(t.consentOther, locale) : '',
      nextSteps: t ? t.nextSteps.map((s) => say(s, locale)) : [],
      contact: kcc ? { name: localize(kcc.name, locale)!, phone: kcc.phone, tel: kcc.tel } : null,
    };
  }

  async function preview(loaded: LoadedSession, locale: string): Promise<MeldingPreview> {
    const gemeente = loaded.row.tree.split('/')[0]!;
    const made = await repo.bySession(loaded.row.id);
    return {
      available: texts.has(gemeente) && offersMelding(loaded),
      forWhom: knownForWhom(loaded),
      ...pageTexts(gemeente, locale),
      summary: meldingSummary(loaded, locale),
      made: made ? { reference: made.reference } : null,
    };
  }

  async function create(
    loaded: LoadedSession,
    fields: MeldingFields,
    author: MeldingAuthor,
  ): Promise<{ status: number; body: MeldingReceipt; repeated?: true }> {
    const { idempotencyKey, ...content } = fields;
    const requestHash = hashSecret(canonicalJson({ session: loaded.row.id, ...content, channel: author.channel }));
    const earlier = await stored(idempotencyKey, requestHash);
    if (earlier) return earlier;
    const gemeente = loaded.row.tree.split('/')[0]!;
    const t = textsOf(gemeente);
    if (!offersMelding(loaded))
      throw new ApiError(
        422,
        'melding-not-in-plan',
        'This advice has no Wmo-melding item. Finish the questions first; a melding is offered where the advice says so.',
      );
    const known = knownForWhom(loaded);
    if (known && fields.forWhom && fields.forWhom !== known)
      throw new ApiError(
        422,
        'for-whom-differs',
        `The answers say this is for "${known}". Change that answer in the overview, or leave forWhom out.`,
        {
          errors: [{ pointer: '/forWhom', code: 'for-whom-differs', message: `Leave it out or send "${known}".` }],
        },
      );
    const forWhom = known ?? fields.forWhom;
    if (!forWhom)
      throw new ApiError(422, 'validation-failed', 'Say for whom the melding is: forWhom "zelf" or "ander".', {
        errors: [{ pointer: '/forWhom', code: 'required', message: 'Choose "zelf" or "ander".' }],
      });
    if (forWhom === 'ander' && fields.consent !== true)
      throw new ApiError(422, 'validation-failed', 'A melding for someone else needs their consent: tick that they agreed.', {
        errors: [{ pointer: '/consent', code: 'consent-required', message: 'Ask the other person, then tick that they agreed.' }],
      });
    if (forWhom === 'ander' && !fields.contact.name)
      throw new ApiError(422, 'validation-failed', 'For someone else, say whom the municipality should call back: contact.name.', {
        errors: [{ pointer: '/contact/name', code: 'required', message: 'Fill in your own name.' }],
      });
    const existing = await repo.bySession(loaded.row.id);
    if (existing) throw alreadyMade(existing.reference);

    const now = clock().toISOString();
    const statusToken = ids.token();
    const row: MeldingenTable = {
      id: ids.id(),
      reference: ids.reference(),
      status_token_hash: hashSecret(statusToken),
      session_id: loaded.row.id,
      gemeente,
      tree: loaded.row.tree,
      locale: loaded.row.locale,
      channel: author.channel,
      made_by: author.staff?.id ?? null,
      made_by_name: author.staff?.name ?? null,
      for_whom: forWhom,
      consent_text: forWhom === 'ander' ? say(t.consentOther, 'nl') : null,
      person: JSON.stringify(fields.person),
      contact: JSON.stringify(fields.contact),
      // The municipality reads Dutch, whatever language the resident walked in.
      summary: JSON.stringify(meldingSummary(loaded, 'nl')),
      status: 'ontvangen',
      claimed_by: null,
      close_note: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    const delivery = registers(gemeente) ? 'zaaksysteem' : 'inbox';
    const body: MeldingReceipt = { reference: row.reference, statusToken, forWhom, delivery };
    const outcome = await repo.create(row, delivery === 'zaaksysteem', { key: idempotencyKey, requestHash, body });
    if (outcome === 'conflict') {
      const same = await stored(idempotencyKey, requestHash);
      if (same) return same;
      const made = await repo.bySession(loaded.row.id);
      if (made) throw alreadyMade(made.reference);
      throw new ApiError(
        409,
        'melding-conflict',
        'The melding could not be stored because of a simultaneous request. Send it again with the same idempotency key.',
      );
    }
    deps.logger.info({ melding: row.reference, channel: author.channel, delivery }, 'Wmo melding received.');
    return { status: 201, body };
  }

  async function stored(key: string, requestHash: string) {
    const found = await deps.store.sessions.stored(MELDING_SCOPE, key);
    if (!found) return undefined;
    if (found.requestHash !== requestHash)
      throw new ApiError(422, 'idempotency-key-reused', 'This idempotency key was already used for a different melding. Use a new key.', {
        errors: [{ pointer: '/idempotencyKey', code: 'idempotency-key-reused', message: 'Use a fresh key for a new melding.' }],
      });
    // A receipt goes out again only once its commit is durable (see Db.durable).
    await deps.db.durable();
    return { status: found.status, body: found.body as MeldingReceipt, repeated: true as const };
  }

  return { preview, pageTexts, create, textsOf };
}

const alreadyMade = (reference: string) =>
  new ApiError(
    409,
    'melding-already-made',
    `This session already made melding ${reference}. One melding per walk is enough; the municipality contacts you.`,
  );

export type MeldingService = ReturnType<typeof meldingService>;
