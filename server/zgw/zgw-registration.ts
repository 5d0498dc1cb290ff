import type { MeldingContact, MeldingPerson } from '../melding/melding-body.js';
import type { MeldingenTable, Registration } from '../melding/melding-repo.js';
import { query, ZgwError, type ZgwClient } from './zgw-client.js';
import type { ZgwTarget } from './zgw-config.js';

type Url = { url: string };
type Saved = Partial<
  Pick<Registration, 'zaak_url' | 'zaak_identificatie' | 'status_url' | 'rol_url' | 'medewerker_rol_url' | 'document_url' | 'zio_url'>
>;

export interface RegistrationInput {
  melding: MeldingenTable;
  /** What the outbox row already remembers from an earlier, interrupted attempt. */
  done: Registration;
  target: ZgwTarget;
  texts: { zaakOmschrijving: string; documentTitel: string };
  pdf: () => Promise<Uint8Array>;
  /** Remembers one step's result before the next step starts; false: another worker holds the row now. */
  save: (patch: Saved) => Promise<boolean>;
}

/** Where the melding reference is kept on the zaak, so that the zaak can be found again. */
export const KENMERK_BRON = 'Vraagwijzer';

/**
 * The melding as a zaak: zaak → first status → initiator rol (→ medewerker rol) → document → link.
 * Each step first looks for what an interrupted attempt may already have made (the zaak by our
 * reference in its kenmerken, the rest by the zaak's URL, the document by its identificatie), so a
 * crash between a request and the saving of its answer never makes a second one.
 */
export async function registerMelding(client: ZgwClient, input: RegistrationInput): Promise<Saved> {
  const { melding: m, target, done } = input;
  const state: Saved = { ...pick(done) };
  const keep = async (patch: Saved) => {
    Object.assign(state, patch);
    if (!(await input.save(patch))) throw new ZgwError('the registration was taken over by another worker');
  };
  const day = amsterdamDate(m.created_at);
  const person = JSON.parse(m.person) as MeldingPerson;
  const contact = JSON.parse(m.contact) as MeldingContact;

  if (!state.zaak_url) {
    const found = (
      await client.all<{ url: string; identificatie: string; kenmerken?: { kenmerk: string; bron: string }[] }>(
        query(`${target.zakenUrl}zaken`, { zaaktype: target.zaaktype, bronorganisatie: target.rsin, startdatum: day }),
      )
    ).find((z) => z.kenmerken?.some((k) => k.kenmerk === m.reference && k.bron === KENMERK_BRON));
    const zaak =
      found ??
      (await client.post<{ url: string; identificatie: string }>(`${target.zakenUrl}zaken`, {
        zaaktype: target.zaaktype,
        bronorganisatie: target.rsin,
        verantwoordelijkeOrganisatie: target.rsin,
        startdatum: day,
        registratiedatum: day,
        omschrijving: input.texts.zaakOmschrijving,
        toelichting: `Gedaan via ${m.channel}${m.made_by_name ? ` door ${m.made_by_name}` : ''}, voor ${m.for_whom === 'zelf' ? 'de persoon zelf' : 'iemand anders (met toestemming)'}. Kenmerk ${m.reference}.`,
        kenmerken: [{ kenmerk: m.reference, bron: KENMERK_BRON }],
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
      }));
    await keep({ zaak_url: zaak.url, zaak_identificatie: zaak.identificatie });
  }
  const zaak = state.zaak_url!;

  if (!state.status_url) {
    const [existing] = await client.all<Url>(query(`${target.zakenUrl}statussen`, { zaak }));
    let url = existing?.url;
    if (!url) {
      const types = await client.all<{ url: string; volgnummer: number }>(
        query(`${target.catalogiUrl}statustypen`, { zaaktype: target.zaaktype }),
      );
      const first = types.sort((a, b) => a.volgnummer - b.volgnummer)[0];
      if (!first) throw new ZgwError(`the zaaktype ${target.zaaktype} has no statustypen: add one in the catalogus`);
      url = (
        await client.post<Url>(`${target.zakenUrl}statussen`, {
          zaak,
          statustype: first.url,
          datumStatusGezet: m.created_at,
          statustoelichting: 'Melding ontvangen via Vraagwijzer',
        })
      ).url;
    }
    await keep({ status_url: url });
  }

  const rol = async (generiek: string, body: Record<string, unknown>): Promise<string> => {
    const [existing] = await client.all<Url>(query(`${target.zakenUrl}rollen`, { zaak, omschrijvingGeneriek: generiek }));
    if (existing) return existing.url;
    const [roltype] = await client.all<Url>(
      query(`${target.catalogiUrl}roltypen`, { zaaktype: target.zaaktype, omschrijvingGeneriek: generiek }),
    );
    if (!roltype) throw new ZgwError(`the zaaktype ${target.zaaktype} has no roltype "${generiek}": add one in the catalogus`);
    return (await client.post<Url>(`${target.zakenUrl}rollen`, { zaak, roltype: roltype.url, ...body })).url;
  };

  if (!state.rol_url) {
    // verblijfsadres needs the BAG id, street and town (aoaIdentificatie, gorOpenbareRuimteNaam,
    // wplWoonplaatsNaam); we ask only postcode + huisnummer, so the address goes in the toelichting.
    const nummer = `${person.huisnummer}${person.huisletter ?? ''}${person.toevoeging ? `-${person.toevoeging}` : ''}`;
    const url = await rol('initiator', {
      betrokkeneType: 'natuurlijk_persoon',
      roltoelichting: `${m.for_whom === 'zelf' ? 'Melding door de persoon zelf' : 'Melding door iemand anders, met toestemming'}. Adres: postcode ${person.postcode}, huisnummer ${nummer}.`,
      betrokkeneIdentificatie: { geslachtsnaam: person.name },
      contactpersoonRol: {
        naam: contact.name ?? person.name,
        ...(contact.phone ? { telefoonnummer: contact.phone } : {}),
        ...(contact.email ? { emailadres: contact.email } : {}),
      },
    });
    await keep({ rol_url: url });
  }

  if (m.made_by && !state.medewerker_rol_url) {
    const url = await rol('klantcontacter', {
      betrokkeneType: 'medewerker',
      roltoelichting: `Melding opgenomen via ${m.channel} namens de beller`,
      betrokkeneIdentificatie: { identificatie: m.made_by, achternaam: m.made_by_name ?? '' },
    });
    await keep({ medewerker_rol_url: url });
  }

  if (!state.document_url) {
    const [existing] = await client.all<Url>(
      query(`${target.documentenUrl}enkelvoudiginformatieobjecten`, { bronorganisatie: target.rsin, identificatie: m.reference }),
    );
    const url =
      existing?.url ??
      (
        await client.post<Url>(`${target.documentenUrl}enkelvoudiginformatieobjecten`, {
          identificatie: m.reference,
          bronorganisatie: target.rsin,
          creatiedatum: day,
          titel: `${input.texts.documentTitel} ${m.reference}`,
          auteur: m.made_by_name ?? 'Vraagwijzer',
          taal: 'dut',
          formaat: 'application/pdf',
          bestandsnaam: `melding-${m.reference}.pdf`,
          vertrouwelijkheidaanduiding: 'vertrouwelijk',
          informatieobjecttype: target.informatieobjecttype,
          inhoud: Buffer.from(await input.pdf()).toString('base64'),
          indicatieGebruiksrecht: false,
        })
      ).url;
    await keep({ document_url: url });
  }

  if (!state.zio_url) {
    const informatieobject = state.document_url!;
    const [existing] = await client.all<Url>(query(`${target.zakenUrl}zaakinformatieobjecten`, { zaak, informatieobject }));
    const url = existing?.url ?? (await client.post<Url>(`${target.zakenUrl}zaakinformatieobjecten`, { zaak, informatieobject })).url;
    await keep({ zio_url: url });
  }
  return state;
}

const pick = (r: Registration): Saved => {
  const out: Saved = {};
  for (const k of ['zaak_url', 'zaak_identificatie', 'status_url', 'rol_url', 'medewerker_rol_url', 'document_url', 'zio_url'] as const)
    if (r[k]) out[k] = r[k];
  return out;
};

/** The calendar day in the Netherlands (a melding at 00:30 is made on that day there, not the UTC one). */
export const amsterdamDate = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
