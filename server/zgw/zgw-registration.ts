import { query, ZgwError, type ZgwClient } from './zgw-client.js';
import type { ZgwTarget } from './zgw-config.js';
import type { Registration } from './zgw-outbox-rows.js';

type Url = { url: string };
type Saved = Partial<
  Pick<Registration, 'zaak_url' | 'zaak_identificatie' | 'status_url' | 'rol_url' | 'medewerker_rol_url' | 'document_url' | 'zio_url'>
>;

/** What becomes a zaak, whatever it came from (a Wmo melding, a concern report): see zgw-subjects.ts. */
export interface ZaakInput {
  /** Our reference: the zaak's kenmerk, how an interrupted attempt finds it again. */
  reference: string;
  createdAt: string;
  omschrijving: string;
  toelichting: string;
  statustoelichting: string;
  /** The person who asked, when they gave a name or a way to reach them; absent: no initiator rol (anonymous). */
  initiator?: {
    roltoelichting: string;
    geslachtsnaam: string;
    contact: { naam: string; telefoonnummer?: string; emailadres?: string };
  };
  /** The staff member who took it down on behalf of a caller: a medewerker rol. */
  medewerker?: { identificatie: string; achternaam: string; roltoelichting: string };
  document: {
    /** Unique per bronorganisatie: how a lost response's document is found again. */
    identificatie: string;
    titel: string;
    auteur: string;
    formaat: 'application/pdf' | 'text/plain';
    bestandsnaam: string;
    inhoud: () => Promise<Uint8Array>;
  };
}

export interface RegistrationInput {
  zaak: ZaakInput;
  /** What the outbox row already remembers from an earlier, interrupted attempt. */
  done: Registration;
  target: ZgwTarget;
  /** Remembers one step's result before the next step starts; false: another worker holds the row now. */
  save: (patch: Saved) => Promise<boolean>;
}

/** Where our reference is kept on the zaak, so that the zaak can be found again. */
export const KENMERK_BRON = 'Vraagwijzer';

/**
 * A zaak: zaak → first status → initiator rol (→ medewerker rol) → document → link.
 * Each step first looks for what an interrupted attempt may already have made (the zaak by our
 * reference in its kenmerken, the rest by the zaak's URL, the document by its identificatie), so a
 * crash between a request and the saving of its answer never makes a second one.
 */
export async function registerZaak(client: ZgwClient, input: RegistrationInput): Promise<Saved> {
  const { zaak: z, target, done } = input;
  const state: Saved = { ...pick(done) };
  const keep = async (patch: Saved) => {
    Object.assign(state, patch);
    if (!(await input.save(patch))) throw new ZgwError('the registration was taken over by another worker');
  };
  const day = amsterdamDate(z.createdAt);

  if (!state.zaak_url) {
    const found = (
      await client.all<{ url: string; identificatie: string; kenmerken?: { kenmerk: string; bron: string }[] }>(
        query(`${target.zakenUrl}zaken`, { zaaktype: target.zaaktype, bronorganisatie: target.rsin, startdatum: day }),
      )
    ).find((found) => found.kenmerken?.some((k) => k.kenmerk === z.reference && k.bron === KENMERK_BRON));
    const zaak =
      found ??
      (await client.post<{ url: string; identificatie: string }>(`${target.zakenUrl}zaken`, {
        zaaktype: target.zaaktype,
        bronorganisatie: target.rsin,
        verantwoordelijkeOrganisatie: target.rsin,
        startdatum: day,
        registratiedatum: day,
        omschrijving: z.omschrijving,
        toelichting: z.toelichting,
        kenmerken: [{ kenmerk: z.reference, bron: KENMERK_BRON }],
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
          datumStatusGezet: z.createdAt,
          statustoelichting: z.statustoelichting,
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

  if (z.initiator && !state.rol_url) {
    const url = await rol('initiator', {
      betrokkeneType: 'natuurlijk_persoon',
      roltoelichting: z.initiator.roltoelichting,
      betrokkeneIdentificatie: { geslachtsnaam: z.initiator.geslachtsnaam },
      contactpersoonRol: z.initiator.contact,
    });
    await keep({ rol_url: url });
  }

  if (z.medewerker && !state.medewerker_rol_url) {
    const url = await rol('klantcontacter', {
      betrokkeneType: 'medewerker',
      roltoelichting: z.medewerker.roltoelichting,
      betrokkeneIdentificatie: { identificatie: z.medewerker.identificatie, achternaam: z.medewerker.achternaam },
    });
    await keep({ medewerker_rol_url: url });
  }

  if (!state.document_url) {
    const [existing] = await client.all<Url>(
      query(`${target.documentenUrl}enkelvoudiginformatieobjecten`, {
        bronorganisatie: target.rsin,
        identificatie: z.document.identificatie,
      }),
    );
    const url =
      existing?.url ??
      (
        await client.post<Url>(`${target.documentenUrl}enkelvoudiginformatieobjecten`, {
          identificatie: z.document.identificatie,
          bronorganisatie: target.rsin,
          creatiedatum: day,
          titel: z.document.titel,
          auteur: z.document.auteur,
          taal: 'dut',
          formaat: z.document.formaat,
          bestandsnaam: z.document.bestandsnaam,
          vertrouwelijkheidaanduiding: 'vertrouwelijk',
          informatieobjecttype: target.informatieobjecttype,
          inhoud: Buffer.from(await z.document.inhoud()).toString('base64'),
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
