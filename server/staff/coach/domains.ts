// Kitchen-table mode: the life domains from the seeds (001 Bijlage A; 003 L37–45; 001 L273–276)
// and a 1–5 self-sufficiency scale in the spirit of the Zelfredzaamheid-Matrix. Only names and
// scale labels: the matrix's licensed criteria texts are deliberately not reproduced.
export const LIFE_DOMAINS = [
  { id: 'huishouden', name: 'Huishouden' },
  { id: 'vervoer', name: 'Zelf verplaatsen en vervoer' },
  { id: 'ontmoeten', name: 'Ontmoeten en eenzaamheid' },
  { id: 'geld', name: 'Geld, schulden en formulieren' },
  { id: 'werk', name: 'Werk, dagbesteding en vrijwilligerswerk' },
  { id: 'opvoeden', name: 'Opvoeden en opgroeien' },
  { id: 'mantelzorg', name: 'Mantelzorg' },
  { id: 'wonen', name: 'Wonen en langer thuis wonen' },
  { id: 'gezondheid', name: 'Gezondheid en leefstijl' },
  { id: 'taal', name: 'Taal en digitale vaardigheden' },
] as const;

export type DomainId = (typeof LIFE_DOMAINS)[number]['id'];
export const DOMAIN_IDS = LIFE_DOMAINS.map((d) => d.id) as [DomainId, ...DomainId[]];

export const SCALE = [
  { value: 1, label: 'Acute problematiek' },
  { value: 2, label: 'Niet zelfredzaam' },
  { value: 3, label: 'Beperkt zelfredzaam' },
  { value: 4, label: 'Voldoende zelfredzaam' },
  { value: 5, label: 'Volledig zelfredzaam' },
] as const;
