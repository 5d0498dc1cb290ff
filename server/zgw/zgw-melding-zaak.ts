import type { MeldingContact, MeldingPerson } from '../melding/melding-body.js';
import { meldingPdf } from '../melding/melding-pdf.js';
import type { MeldingRepo, MeldingenTable } from '../melding/melding-repo.js';
import type { MeldingTexts } from '../melding/melding-texts.js';
import { targetFor, type ZgwConfig } from './zgw-config.js';
import type { ZgwSubject } from './zgw-outbox.js';
import type { ZaakInput } from './zgw-registration.js';

/** A Wmo melding as a zaak: the person it is for as initiator, the staff member who took it down, the PDF. */
function meldingZaak(m: MeldingenTable, texts: Pick<MeldingTexts, 'zaakOmschrijving' | 'documentTitel'>): ZaakInput {
  const person = JSON.parse(m.person) as MeldingPerson;
  const contact = JSON.parse(m.contact) as MeldingContact;
  // verblijfsadres needs the BAG id, street and town (aoaIdentificatie, gorOpenbareRuimteNaam,
  // wplWoonplaatsNaam); we ask only postcode + huisnummer, so the address goes in the toelichting.
  const nummer = `${person.huisnummer}${person.huisletter ?? ''}${person.toevoeging ? `-${person.toevoeging}` : ''}`;
  return {
    reference: m.reference,
    createdAt: m.created_at,
    omschrijving: texts.zaakOmschrijving,
    toelichting: `Gedaan via ${m.channel}${m.made_by_name ? ` door ${m.made_by_name}` : ''}, voor ${m.for_whom === 'zelf' ? 'de persoon zelf' : 'iemand anders (met toestemming)'}. Kenmerk ${m.reference}.`,
    statustoelichting: 'Melding ontvangen via Vraagwijzer',
    initiator: {
      roltoelichting: `${m.for_whom === 'zelf' ? 'Melding door de persoon zelf' : 'Melding door iemand anders, met toestemming'}. Adres: postcode ${person.postcode}, huisnummer ${nummer}.`,
      geslachtsnaam: person.name,
      contact: {
        naam: contact.name ?? person.name,
        ...(contact.phone ? { telefoonnummer: contact.phone } : {}),
        ...(contact.email ? { emailadres: contact.email } : {}),
      },
    },
    ...(m.made_by
      ? {
          medewerker: {
            identificatie: m.made_by,
            achternaam: m.made_by_name ?? '',
            roltoelichting: `Melding opgenomen via ${m.channel} namens de beller`,
          },
        }
      : {}),
    document: {
      identificatie: m.reference,
      titel: `${texts.documentTitel} ${m.reference}`,
      auteur: m.made_by_name ?? 'Vraagwijzer',
      formaat: 'application/pdf',
      bestandsnaam: `melding-${m.reference}.pdf`,
      inhoud: () => meldingPdf(m, texts.documentTitel),
    },
  };
}

/** The outbox's rows of subject "melding": the municipality's target (per tree) and its texts. */
export function meldingSubject(repo: MeldingRepo, config: ZgwConfig, texts: Map<string, MeldingTexts>): ZgwSubject {
  return {
    async prepare(reg) {
      const melding = await repo.byId(reg.melding_id);
      if (!melding) return 'gone';
      const target = targetFor(config, reg.gemeente, melding.tree);
      if (!target) return { error: `ZGW_CONFIG has no entry for "${reg.gemeente}" any more: add it back, then retry` };
      const t = texts.get(reg.gemeente);
      return {
        target,
        zaak: meldingZaak(melding, {
          zaakOmschrijving: t?.zaakOmschrijving ?? 'Wmo-melding',
          documentTitel: t?.documentTitel ?? 'Wmo-melding',
        }),
      };
    },
  };
}
