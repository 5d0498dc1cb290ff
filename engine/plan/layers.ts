// The pyramid's layers and the legacy advice kinds they replace. Pure data, shared by the schema,
// the compiler and the plan: a kind of the old format is read as a layer plus a local label.

/** The pyramid, top first: urgent help, then what you can do yourself, down to the safety net. */
export const LAYERS = ['spoed', 'eigen-kracht', 'informeel', 'algemeen', 'maatwerk', 'vangnet'] as const;
export type Layer = (typeof LAYERS)[number];

/** How soon: `now` (112, Veilig Thuis, 113), `today` (eviction threat, overload), `this-week`. */
export const URGENCIES = ['now', 'today', 'this-week'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The advice kinds of the first tree format; still accepted, read as layer + label. */
export const LEGACY_KINDS = [
  'spoed',
  'eigen-kracht',
  'informeel',
  'buuv',
  'algemeen',
  'hbh-1',
  'hbh-2',
  'hbh-3',
  'wmo-melding',
  'maatwerk',
  'signalering',
  'doorverwijzing',
  'vangnet',
] as const;
export type LegacyKind = (typeof LEGACY_KINDS)[number];

/**
 * A legacy kind's layer and label. A kind that named a layer has no label. A concern report
 * (`signalering`) goes to a receiver open to everyone without an assessment (CJG, GGD, wijkteam:
 * domain.md "signalering"), so it is algemeen – not the vangnet, which a plan holds only once.
 */
export const MIGRATION: Record<LegacyKind, { layer: Layer; label?: string }> = {
  spoed: { layer: 'spoed' },
  'eigen-kracht': { layer: 'eigen-kracht' },
  informeel: { layer: 'informeel' },
  buuv: { layer: 'informeel', label: 'buuv' },
  algemeen: { layer: 'algemeen' },
  'hbh-1': { layer: 'algemeen', label: 'hbh-1' },
  doorverwijzing: { layer: 'algemeen', label: 'doorverwijzing' },
  signalering: { layer: 'algemeen', label: 'signalering' },
  'hbh-2': { layer: 'maatwerk', label: 'hbh-2' },
  'hbh-3': { layer: 'maatwerk', label: 'hbh-3' },
  'wmo-melding': { layer: 'maatwerk', label: 'wmo-melding' },
  maatwerk: { layer: 'maatwerk' },
  vangnet: { layer: 'vangnet' },
};

/** An item's layer and label, from the new fields or, for a legacy tree, its kind. */
export function layerOf(item: { layer?: Layer; kind?: LegacyKind; label?: string }): { layer: Layer; label?: string } {
  const legacy = item.kind ? MIGRATION[item.kind] : undefined;
  const layer = item.layer ?? legacy?.layer ?? 'algemeen';
  const label = item.label ?? legacy?.label;
  return label ? { layer, label } : { layer };
}
