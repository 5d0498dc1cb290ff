import type { Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';
import { phraseRegex } from './phrase.js';

const AUXILIARY = new Set(['wordt', 'worden', 'werd', 'werden']);

/**
 * A past participle, by its Dutch shape: ge-…-d/t/en (gebeld, gemaakt, gegeven), an unstressed
 * prefix without ge- ending in d/t (betaald, verstuurd, herhaald) or a separable verb (opgenomen,
 * aangevraagd, doorgestuurd). Prefixed forms in -en are mostly infinitives (bespreken), so only
 * the common strong participles among them are listed. Words of that shape that are no
 * participle (gezond, gebruiken) are excluded.
 */
const PARTICIPLE = [
  /^ge\p{L}{2,}(d|t|en)$/u,
  /^(be|ver|ont|her|er|onder)\p{L}{2,}(d|t)$/u,
  /^(op|aan|af|in|uit|mee|door|terug|na|toe|voor|over|bij|weg|vast|rond|binnen|langs)ge\p{L}{2,}(d|t|en)$/u,
];
const STRONG = new Set([
  'besproken',
  'bekeken',
  'onderzocht',
  'ondernomen',
  'ontvangen',
  'verzonden',
  'vergeten',
  'verbonden',
  'beschreven',
  'betrokken',
  'verboden',
  'bevonden',
  'beslagen',
  'verkregen',
  'verstrekt',
  'begonnen',
  'bezocht',
  'verkocht',
  'ontnomen',
  'benomen',
  'bedreven',
  'verweten',
  'ontslagen',
  'vervangen',
]);
const NOT_PARTICIPLE = new Set([
  'gezond',
  'geduld',
  'gebied',
  'geheel',
  'gemiddeld',
  'gebruiken',
  'gebeuren',
  'geloven',
  'genieten',
  'gelden',
  'geraken',
  'gewend',
  'betekent',
  'bestaat',
  'beslist',
  'vindt',
  'bereikt',
  'verandert',
  'vertelt',
  'verdient',
  'betaalt',
  'bespreekt',
  'bezoekt',
  'ontmoet',
  'herkent',
  'verliest',
  'verhuist',
  'bestelt',
  'bezorgt',
  'begint',
  'begrijpt',
  'bedoelt',
  'behoort',
  'bepaalt',
  'bewaart',
  'verzorgt',
  'ervaart',
]);

export const isParticiple = (word: string) => {
  const w = word.toLowerCase();
  return STRONG.has(w) || (!NOT_PARTICIPLE.has(w) && PARTICIPLE.some((p) => p.test(w)));
};

/**
 * Passive voice hides who acts. B1 writing says who does what: "De gemeente belt je" instead of
 * "Je wordt gebeld (door de gemeente)". Warnings only: a passive is sometimes the clearest way.
 */
export function passiveVoice(unit: TextUnit, list: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of list) {
    const lower = s.words.map((w) => w.toLowerCase());
    const aux = lower.find((w) => AUXILIARY.has(w));
    const participle = aux ? s.words.find(isParticiple) : undefined;
    if (aux && participle) {
      findings.push({
        code: 'passive',
        severity: 'warning',
        pointer: unit.pointer,
        excerpt: s.text,
        message: `Passive voice ("${aux} … ${participle}"). Say who does it: "De gemeente belt je" instead of "Je wordt gebeld".`,
      });
    } else if (phraseRegex('door de gemeente', 'iu').test(s.text)) {
      findings.push({
        code: 'passive-agent',
        severity: 'warning',
        pointer: unit.pointer,
        excerpt: s.text,
        message: '"door de gemeente" usually marks a passive sentence. Make the gemeente the subject: "De gemeente …".',
      });
    }
  }
  return findings;
}
