import type { B1Lists } from '../lists.js';
import type { Sentence } from '../sentences.js';
import type { Finding, TextUnit } from '../types.js';
import { formalAddress } from './formal-address.js';
import { longWords } from './long-words.js';
import { passiveVoice } from './passive.js';
import { promises } from './promises.js';
import { sentenceLength } from './sentence-length.js';

export { jargon } from './jargon.js';

/** Every rule that judges one text on its own (jargon needs the whole document: see jargon.ts). */
export function textRules(unit: TextUnit, list: readonly Sentence[], lists: B1Lists): Finding[] {
  return [
    ...sentenceLength(unit, list),
    ...longWords(unit, list, lists.allowedWords),
    ...passiveVoice(unit, list),
    ...formalAddress(unit, list),
    ...promises(unit, list, lists.promises),
  ];
}
