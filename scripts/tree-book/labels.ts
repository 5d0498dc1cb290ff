import type { Layer, Source, Tree, Urgency } from '../../engine/index.js';

/** The seed documents (domain.md), so a reviewer knows which text "001" is. */
export const SEEDS: Record<string, string> = {
  '000': 'Haarlem, Welzijnswerk klaar voor de toekomst (2010)',
  '001': 'Haarlem, Uitvoeringsprogramma 2012 Samen voor elkaar',
  '002': 'Amersfoort, Welzijn 2010–2015',
  '003': 'Haarlem, Uitvraag subsidies Sociale Basis 2020',
  '004': 'Enschede, Kaderstelling (wijk)welzijn 2012–2014',
};

export function sourceWords(s: Source): string {
  const note = s.note ? ` – ${s.note}` : '';
  if ('seed' in s) {
    const lines = s.lines.includes('-') ? `regels ${s.lines.replace('-', '–')}` : `regel ${s.lines}`;
    return `document ${s.seed} (${SEEDS[s.seed] ?? 'onbekend brondocument'}), ${lines}${note}`;
  }
  return `[${s.title ?? s.url}](${s.url})${note}`;
}

export const DOORS: Record<Tree['door'], string> = {
  start: 'Startpagina: de drie deuren en spoedhulp',
  oplossing: 'Deur 1 – Ik zoek een oplossing',
  helpen: 'Deur 2 – Ik wil iemand helpen',
  zorgen: 'Deur 3 – Ik maak me zorgen om iemand',
  sub: 'Onderdeel (sub-flow) dat andere bomen aanroepen',
};

/** What a tree is for, when its authors gave no description. */
export const PURPOSE: Record<Tree['door'], string> = {
  start: 'De inwoner kiest hier een van de drie deuren. Hulp bij spoed is altijd te zien.',
  oplossing:
    'De inwoner zoekt een oplossing voor een probleem. De boom stelt vragen en geeft passende adviezen, eerst wat je zelf kunt doen.',
  helpen: 'De inwoner wil iemand helpen. De boom wijst de weg naar vrijwilligerswerk, BUUV, buurtinitiatieven of steun voor mantelzorgers.',
  zorgen: 'De inwoner maakt zich zorgen om iemand. De boom vraagt eerst naar spoed en wijst dan de plek om de zorg te melden.',
  sub: 'Een deel van een vraaggesprek dat andere bomen gebruiken.',
};

/** Words for the labels the first tree format had as kinds (a label not listed is shown bare). */
export const KINDS: Record<string, string> = {
  spoed: 'spoedhulp',
  'eigen-kracht': 'eigen kracht',
  informeel: 'informele hulp',
  buuv: 'BUUV (buurtmarktplaats)',
  algemeen: 'algemene voorziening (zonder besluit van de gemeente)',
  'hbh-1': 'hulp bij het huishouden, categorie 1 (zelf regelen of algemene voorziening)',
  'hbh-2': 'hulp bij het huishouden, categorie 2 (maatwerk via de Wmo)',
  'hbh-3': 'hulp bij het huishouden, categorie 3 (maatwerk via de Wmo)',
  'wmo-melding': 'Wmo-melding',
  maatwerk: 'maatwerk (na onderzoek en besluit van de gemeente)',
  signalering: 'zorgmelding (signalering)',
  doorverwijzing: 'doorverwijzing naar informatie',
  vangnet: 'vangnet (altijd iemand om te bellen)',
};

export const LEVELS: Record<Layer, string> = {
  spoed: '0 – spoed',
  'eigen-kracht': '1 – eigen kracht',
  informeel: '2 – informele hulp',
  algemeen: '3 – algemene voorziening',
  maatwerk: '4 – maatwerk',
  vangnet: '5 – vangnet',
};

export const URGENCY_WORDS: Record<Urgency, string> = {
  now: 'nu meteen – dit gaat bovenaan het advies',
  today: 'vandaag nog – dit gaat bovenaan het advies',
  'this-week': 'deze week – dit gaat bovenaan het advies',
};

export const ACTIONS = {
  'concern-report': 'de inwoner kan direct een zorgmelding doen',
  'wmo-melding': 'de inwoner kan direct een Wmo-melding doen',
} as const;

type Input = Extract<Tree['nodes'][string], { kind: 'question' }>['input'];

/** How the question is answered, in words. */
export function inputWords(input: Input): string {
  switch (input.type) {
    case 'single':
      return 'kies één antwoord';
    case 'multi': {
      const min = input.min ?? 1;
      const range = input.max ? `${min} tot ${input.max}` : `${min} of meer`;
      return `kies ${range} antwoorden`;
    }
    case 'yesno':
      return 'ja of nee';
    case 'number': {
      const unit = input.unit?.nl ? ` ${input.unit.nl}` : '';
      return `${input.integer ? 'een heel getal' : 'een getal'} van ${input.min} tot en met ${input.max}${unit}`;
    }
    case 'text':
      return `vrije tekst, hoogstens ${input.maxLength} tekens${input.optional ? ', mag leeg blijven' : ''}`;
    case 'date':
      return `een datum${input.min ? ` vanaf ${input.min}` : ''}${input.max ? ` tot en met ${input.max}` : ''}`;
  }
}
