import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { MeldingenTable } from './melding-repo.js';
import type { MeldingContact, MeldingPerson } from './melding-body.js';
import type { MeldingSummary } from './melding-summary.js';

const CHANNELS: Record<string, string> = {
  web: 'online (Vraagwijzer)',
  telefoon: 'telefoon, door een medewerker',
  loket: 'loket, door een medewerker',
  wijkcoach: 'wijkcoach, aan de keukentafel',
};
const WHEN: Record<string, string> = { ochtend: "'s ochtends", middag: "'s middags", 'maakt-niet-uit': 'maakt niet uit' };

/**
 * The melding as a document, built on the server without a browser: what the resident keeps and
 * what the case system stores beside the zaak. Dutch: the municipality's working language.
 */
export async function meldingPdf(m: MeldingenTable, title: string): Promise<Uint8Array> {
  const person = JSON.parse(m.person) as MeldingPerson;
  const contact = JSON.parse(m.contact) as MeldingContact;
  const summary = JSON.parse(m.summary) as MeldingSummary;
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} ${m.reference}`);
  doc.setLanguage('nl-NL');
  doc.setCreationDate(new Date(m.created_at));
  doc.setProducer('Vraagwijzer');
  const out = writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  out.heading(title, 16);
  out.line(`Kenmerk: ${m.reference}`);
  out.line(`Datum: ${dutchDate(m.created_at)}`);
  out.line(`Gedaan via: ${CHANNELS[m.channel] ?? m.channel}${m.made_by_name ? ` (${m.made_by_name})` : ''}`);
  out.gap();
  out.heading('Voor wie');
  out.line(m.for_whom === 'zelf' ? 'Voor de persoon zelf.' : 'Voor iemand anders.');
  out.line(`Naam: ${person.name}`);
  out.line(
    `Adres: postcode ${person.postcode}, huisnummer ${person.huisnummer}${person.huisletter ?? ''}${person.toevoeging ? `-${person.toevoeging}` : ''}`,
  );
  if (m.consent_text) out.line(`Toestemming: ja. ${m.consent_text}`);
  out.gap();
  out.heading('Contact');
  if (contact.name) out.line(`Contactpersoon: ${contact.name}`);
  if (contact.phone) out.line(`Telefoon: ${contact.phone}`);
  if (contact.email) out.line(`E-mail: ${contact.email}`);
  out.line(`Bereikbaar: ${WHEN[contact.when] ?? contact.when}`);
  out.gap();
  out.heading('Antwoorden');
  for (const a of summary.answers) out.line(`${a.question}: ${a.answer}`);
  out.gap();
  out.heading('Advies');
  for (const p of summary.plan) out.line(`- ${p.title} (${p.kind})`);
  out.gap();
  out.line(`Vragenlijst: ${summary.tree}, versie ${summary.treeVersion}.`);
  return doc.save();
}

function dutchDate(iso: string): string {
  return new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });
}

/** A top-to-bottom text writer over A4 pages, wrapping long lines and adding pages as needed. */
function writer(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
  const [width, height] = [595.28, 841.89];
  const margin = 56;
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - margin;
  const room = (need: number) => {
    if (y - need >= margin) return;
    page = doc.addPage([width, height]);
    y = height - margin;
  };
  const write = (text: string, f: PDFFont, size: number) => {
    for (const row of wrap(printable(text, f), f, size, width - 2 * margin)) {
      room(size * 1.4);
      page.drawText(row, { x: margin, y: y - size, size, font: f });
      y -= size * 1.4;
    }
  };
  return {
    heading: (text: string, size = 12) => write(text, bold, size),
    line: (text: string) => write(text, font, 10),
    gap: () => (y -= 8),
  };
}

/**
 * The standard fonts know WinAnsi only (é, ë, ü, ç are in it): another letter becomes its base letter
 * where it has one (Ş → S), anything else "?" – rather than failing to make the document at all.
 */
function printable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  const has = (ch: string) => known.has(ch.codePointAt(0)!);
  return [...text.replace(/\s+/g, ' ')]
    .map((ch) => {
      if (has(ch)) return ch;
      const base = ch.normalize('NFD')[0]!;
      return has(base) ? base : '?';
    })
    .join('');
}

function wrap(text: string, font: PDFFont, size: number, max: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const next = row ? `${row} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= max || !row) row = next;
    else {
      rows.push(row);
      row = word;
    }
  }
  rows.push(row);
  return rows;
}
