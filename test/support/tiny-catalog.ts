// For tests that build a small tree by hand: the same text in both languages, a placeholder
// source, and a sociale kaart with one service (a tree must name one a person can call).

export const t = (nl: string) => ({ nl, en: nl });

export const SOURCE = [{ seed: '001', lines: '1' }];

/** One service, "loket", for gemeente "demo". */
export const loketCatalog = {
  gemeente: 'demo',
  services: [
    {
      id: 'loket',
      organisation: 'Gemeente',
      name: t('Loket'),
      description: t('Loket.'),
      contact: { phone: '14 023' },
      areaServed: ['demo'],
      languages: ['nl'],
      cost: t('Gratis'),
      access: t('Bel.'),
      sources: SOURCE,
      lastVerified: '2026-11-22',
    },
  ],
};
