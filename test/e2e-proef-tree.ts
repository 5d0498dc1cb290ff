// A tree for the widget's browser tests that uses every question type, an info screen with markdown,
// a spoed branch and a concern-report advice with sociale-kaart cards (one field unverified).
// It joins the demo bundle (test/fixtures/demo) as tree "proef".
const nl_en = (nl: string, en: string) => ({ nl, en });
const src = [{ seed: '001', lines: '1279-1297' }];

export const proefTree = {
  id: 'proef',
  version: '1.0.0',
  gemeente: 'demo',
  door: 'zorgen',
  status: 'published',
  title: nl_en('Ik maak me zorgen', 'I am worried'),
  sources: src,
  lastReviewed: '2026-11-22',
  start: 'gevaar',
  nodes: {
    gevaar: {
      kind: 'question',
      text: nl_en('Is er nu direct gevaar?', 'Is there danger right now?'),
      short: nl_en('Direct gevaar', 'Danger now'),
      input: { type: 'yesno' },
      next: { routes: [{ when: { var: 'gevaar' }, to: 'spoed' }], otherwise: 'wie' },
    },
    spoed: {
      kind: 'advice',
      next: 'klaar',
      items: [
        {
          id: 'bel-112',
          kind: 'spoed',
          title: nl_en('Bel 112', 'Call 112'),
          text: nl_en('Bel **nu** 112.', 'Call 112 **now**.'),
          why: nl_en('Je zei dat er direct gevaar is.', 'You said there is danger right now.'),
          services: ['veilig-thuis'],
          sources: src,
        },
      ],
    },
    wie: {
      kind: 'question',
      text: nl_en('Over wie maak je je zorgen?', 'Who are you worried about?'),
      short: nl_en('Over wie', 'About whom'),
      input: {
        type: 'single',
        options: [
          {
            value: 'buur',
            label: nl_en('Een buurman of buurvrouw', 'A neighbour'),
            help: nl_en('Iemand die dichtbij woont.', 'Someone living nearby.'),
          },
          { value: 'familie', label: nl_en('Iemand uit mijn familie', 'A family member') },
        ],
      },
      next: 'sinds',
    },
    sinds: {
      kind: 'question',
      text: nl_en('Sinds wanneer maak je je zorgen?', 'Since when have you been worried?'),
      short: nl_en('Sinds', 'Since'),
      input: { type: 'date', min: '2000-01-01', max: '2030-12-31' },
      next: 'signalen',
    },
    signalen: {
      kind: 'question',
      text: nl_en('Wat zie je?', 'What do you see?'),
      short: nl_en('Signalen', 'Signs'),
      input: {
        type: 'multi',
        options: [
          { value: 'verwaarlozing', label: nl_en('Het huis raakt vervuild', 'The house is getting dirty') },
          { value: 'eenzaam', label: nl_en('De persoon is veel alleen', 'The person is alone a lot') },
          { value: 'geld', label: nl_en('Er zijn geldzorgen', 'There is money trouble') },
        ],
      },
      next: 'uren',
    },
    uren: {
      kind: 'question',
      text: nl_en('Hoeveel uur per week help je nu?', 'How many hours a week do you help now?'),
      short: nl_en('Uren hulp', 'Hours of help'),
      input: { type: 'number', min: 0, max: 168, integer: true, unit: nl_en('uur', 'hours') },
      next: 'uitleg',
    },
    uitleg: {
      kind: 'info',
      text: nl_en(
        '**Goed dat je dit meldt.**\n\nWat gebeurt er nu?\n- Je krijgt een advies.\n- Je kunt een melding doen.\n\nLees meer op [de website](https://example.org).',
        '**Good that you report this.**\n\nWhat happens now?\n- You get advice.\n- You can report a concern.\n\nRead more on [the website](https://example.org).',
      ),
      next: 'toelichting',
    },
    toelichting: {
      kind: 'question',
      text: nl_en('Wil je nog iets vertellen?', 'Anything else you want to tell?'),
      short: nl_en('Toelichting', 'Remarks'),
      input: { type: 'text', maxLength: 300, optional: true },
      next: 'advies',
    },
    advies: {
      kind: 'advice',
      next: 'klaar',
      items: [
        {
          id: 'melden',
          kind: 'signalering',
          action: 'concern-report',
          title: nl_en('Meld je zorg', 'Report your concern'),
          text: nl_en('Het meldpunt kijkt wat er nodig is.', 'The reporting centre looks at what is needed.'),
          why: nl_en('Je maakt je zorgen om iemand.', 'You are worried about someone.'),
          services: ['meldpunt'],
          sources: src,
        },
        {
          id: 'praat',
          kind: 'eigen-kracht',
          title: nl_en('Praat met de persoon', 'Talk to the person'),
          text: nl_en('Vraag hoe het gaat.', 'Ask how they are.'),
          why: nl_en('Jij kent deze persoon.', 'You know this person.'),
          sources: src,
        },
      ],
    },
    klaar: { kind: 'end', text: nl_en('Dit is je advies.', 'This is your advice.') },
  },
};

export const proefServices = [
  {
    id: 'meldpunt',
    organisation: 'GGD Demo',
    name: nl_en('Meldpunt Zorg en Overlast', 'Care and nuisance reporting centre'),
    description: nl_en('Voor zorgen om iemand.', 'For concerns about someone.'),
    contact: {
      phone: '023 789 1234',
      web: 'https://example.org/meldpunt',
      address: 'Zijlweg 1, Demo',
      openingHours: nl_en('Ma–vr 9.00–17.00', 'Mon–Fri 9:00–17:00'),
    },
    areaServed: ['demo'],
    languages: ['nl'],
    cost: nl_en('Gratis', 'Free'),
    access: nl_en('Bel of meld online.', 'Call or report online.'),
    sources: [{ url: 'https://example.org' }],
    lastVerified: '2026-11-22',
    unverified: ['contact.phone'],
  },
  {
    id: 'veilig-thuis',
    organisation: 'Veilig Thuis',
    name: nl_en('Veilig Thuis', 'Veilig Thuis'),
    description: nl_en('Advies en melding bij huiselijk geweld.', 'Advice and reports on domestic violence.'),
    contact: { phone: '0800-2000' },
    areaServed: ['demo'],
    languages: ['nl'],
    cost: nl_en('Gratis', 'Free'),
    access: nl_en('Dag en nacht bereikbaar.', 'Available day and night.'),
    urgent: true,
    sources: [{ url: 'https://example.org' }],
    lastVerified: '2026-11-22',
  },
];
