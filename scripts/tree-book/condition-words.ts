import type { Tree } from '../../engine/index.js';
import { dutchLabel } from './dutch.js';

/**
 * JSON Logic → Dutch, for reviewers who do not read JSON. Covers what trees actually use:
 * choices (==, in, some/none), yes/no, comparisons with numbers (and their unit) or dates,
 * and/or/not, counts of chosen answers, derived values by their label. Anything else is shown
 * as the rule itself and reported as a gap, so a reviewer never reads a guess.
 */
export interface Translation {
  words: string;
  /** Parts of the rule that could not be put into words (shown as JSON in `words`). */
  gaps: string[];
}

type QuestionNode = Extract<Tree['nodes'][string], { kind: 'question' }>;

interface Ctx {
  tree: Tree;
  gaps: string[];
}

/**
 * A full condition: "als …". `true` → "altijd". Recursive over the rule, and safe so: the book is
 * made of parsed trees, whose rules the schema keeps within LIMITS.ruleDepth.
 */
export function translateCondition(rule: unknown, tree: Tree): Translation {
  const ctx: Ctx = { tree, gaps: [] };
  if (rule === true) return { words: 'altijd', gaps: [] };
  if (rule === false) return { words: 'nooit', gaps: [] };
  return { words: `als ${clause(rule, ctx).text}`, gaps: ctx.gaps };
}

export const conditionInWords = (rule: unknown, tree: Tree) => translateCondition(rule, tree).words;

/** The fallback route of a node. */
export const OTHERWISE = 'in alle andere gevallen';

export const quote = (s: string) => `‘${s}’`;

interface Clause {
  text: string;
  /** Joined with en/of: needs brackets inside another and/or. */
  compound?: boolean;
}

const COMPARE = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=']);
const FLIP: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

function clause(rule: unknown, ctx: Ctx): Clause {
  if (rule === true) return { text: 'dit altijd geldt' };
  if (rule === false) return { text: 'dit nooit geldt' };
  const op = operator(rule);
  if (!op) return gap(rule, ctx);
  const raw = (rule as Record<string, unknown>)[op.name];
  const args = Array.isArray(raw) ? raw : [raw];
  switch (op.name) {
    case 'var':
    case '!!':
      return truthy(op.name === 'var' ? rule : args[0], ctx) ?? gap(rule, ctx);
    case '!':
      return falsy(args[0], ctx);
    case 'and':
    case 'or': {
      const clauses = op.name === 'or' ? mergeChoices(args, ctx) : args.map((a) => clause(a, ctx));
      const parts = clauses.map((c) => (c.compound ? `(${c.text})` : c.text));
      const word = op.name === 'and' ? 'en' : 'of';
      // Three or more parts, or parts that hold the joining word themselves ("‘A’ of ‘B’"), read
      // unambiguously only when numbered; the numbers already delimit nested groups.
      if (parts.length >= 3 || (parts.length === 2 && parts.some((p) => p.includes(` ${word} `)))) {
        const lead = op.name === 'and' ? 'dit allemaal klopt' : 'minstens één hiervan klopt';
        return { text: `${lead}: ${clauses.map((c, i) => `(${i + 1}) ${c.text}`).join('; ')}`, compound: true };
      }
      return { text: joinList(parts, word), compound: parts.length > 1 };
    }
    case 'in':
      return inClause(args, ctx) ?? gap(rule, ctx);
    case 'some':
    case 'none':
    case 'all':
      return iterClause(op.name, args, ctx) ?? gap(rule, ctx);
    case 'missing':
      return missingClause(args, ctx) ?? gap(rule, ctx);
    default:
      if (COMPARE.has(op.name)) return compare(op.name, args, ctx) ?? gap(rule, ctx);
      return gap(rule, ctx);
  }
}

function operator(rule: unknown): { name: string } | null {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  return keys.length === 1 ? { name: keys[0]! } : null;
}

function gap(rule: unknown, ctx: Ctx): Clause {
  const json = JSON.stringify(rule);
  ctx.gaps.push(json);
  return { text: `de regel \`${json}\` klopt` };
}

/** What a var reads: a question of this tree, the count of a multi-choice answer, or a derived value. */
type Subject =
  | { kind: 'question'; id: string; node: QuestionNode; label: string }
  | { kind: 'count'; id: string; node: QuestionNode; label: string }
  | { kind: 'derived'; name: string; label?: string; rule: unknown }
  | { kind: 'unknown'; path: string };

function subjectOf(x: unknown, ctx: Ctx): Subject | null {
  const op = operator(x);
  if (op?.name === 'reduce') return countByReduce(x as { reduce: unknown[] }, ctx);
  if (op?.name !== 'var') return null;
  const v = (x as { var: unknown }).var;
  const path = Array.isArray(v) ? v[0] : v;
  if (typeof path !== 'string') return null;
  const [head, rest] = [path.split('.')[0]!, path.split('.').slice(1).join('.')];
  if (head === 'derived' && rest) {
    const def = ctx.tree.derived?.[rest];
    if (def) return { kind: 'derived', name: rest, label: def.label?.nl, rule: def.rule };
  }
  const node = ctx.tree.nodes[head];
  if (node?.kind === 'question') {
    const label = dutchLabel(node.short ?? node.text);
    if (!rest) return { kind: 'question', id: head, node, label };
    if (rest === 'length') return { kind: 'count', id: head, node, label };
  }
  return { kind: 'unknown', path };
}

/** `{"reduce":[{"var":"q"},{"+":[{"var":"accumulator"},1]},0]}` counts the answers of q. */
function countByReduce(x: { reduce: unknown[] }, ctx: Ctx): Subject | null {
  const [over, step, init] = Array.isArray(x.reduce) ? x.reduce : [];
  const counts = JSON.stringify(step) === JSON.stringify({ '+': [{ var: 'accumulator' }, 1] }) && init === 0;
  if (!counts) return null;
  const s = subjectOf(over, ctx);
  return s?.kind === 'question' ? { ...s, kind: 'count' } : null;
}

function subjectName(s: Subject): string {
  switch (s.kind) {
    case 'question':
      return quote(s.label);
    case 'count':
      return `het aantal antwoorden bij ${quote(s.label)}`;
    case 'derived':
      return quote(s.label ?? s.name);
    case 'unknown':
      return quote(s.path);
  }
}

function optionLabel(node: QuestionNode, value: unknown): string {
  if (node.input.type === 'yesno') return quote(value ? 'Ja' : 'Nee');
  const options = 'options' in node.input ? node.input.options : [];
  const found = options.find((o) => o.value === value);
  return quote(found ? dutchLabel(found.label) : String(value));
}

function chosen(s: Subject & { kind: 'question' }, values: unknown[], negated = false): Clause {
  const labels = joinList(
    values.map((v) => optionLabel(s.node, v)),
    'of',
  );
  return { text: `bij ${quote(s.label)} ${negated ? 'niet ' : ''}is gekozen: ${labels}` };
}

function truthy(x: unknown, ctx: Ctx): Clause | null {
  const s = subjectOf(x, ctx);
  if (!s) return operator(x) ? clause(x, ctx) : null;
  if (s.kind === 'derived') return s.label ? { text: `geldt: ${quote(s.label)}` } : clause(s.rule, ctx);
  if (s.kind === 'count') return { text: `bij ${quote(s.label)} iets is gekozen` };
  if (s.kind === 'unknown') return { text: `${quote(s.path)} een waarde heeft` };
  switch (s.node.input.type) {
    case 'yesno':
      return chosen(s, [true]);
    case 'multi':
      return { text: `bij ${quote(s.label)} iets is gekozen` };
    case 'number':
      return { text: `${quote(s.label)} niet 0 is` };
    case 'text':
      return { text: `bij ${quote(s.label)} iets is ingevuld` };
    default:
      return { text: `${quote(s.label)} is beantwoord` };
  }
}

function falsy(x: unknown, ctx: Ctx): Clause {
  const pick = choiceOf(x, ctx);
  if (pick) return chosen(pick.s, [pick.value], true);
  const s = subjectOf(x, ctx);
  if (s?.kind === 'question' && s.node.input.type === 'yesno') return chosen(s, [false]);
  if (s?.kind === 'question' && s.node.input.type === 'multi') return { text: `bij ${quote(s.label)} niets is gekozen` };
  if (s?.kind === 'count') return { text: `bij ${quote(s.label)} niets is gekozen` };
  if (s?.kind === 'derived' && s.label) return { text: `niet geldt: ${quote(s.label)}` };
  const inner = s?.kind === 'derived' ? clause(s.rule, ctx) : clause(x, ctx);
  return { text: `het niet zo is dat ${inner.text}` };
}

/**
 * In an `or`, choices on the same question read as one: "bij ‘Ziekte’ is gekozen: ‘Dementie’ of
 * ‘Psychisch’" instead of repeating the question for every option.
 */
function mergeChoices(args: unknown[], ctx: Ctx): Clause[] {
  const groups = new Map<string, { s: Subject & { kind: 'question' }; values: unknown[] }>();
  const out: (Clause | string)[] = [];
  for (const a of args) {
    const pick = choiceOf(a, ctx);
    if (!pick) {
      out.push(clause(a, ctx));
      continue;
    }
    const group = groups.get(pick.s.id);
    if (group) group.values.push(pick.value);
    else {
      groups.set(pick.s.id, { s: pick.s, values: [pick.value] });
      out.push(pick.s.id);
    }
  }
  return out.map((c) => (typeof c === 'string' ? chosen(groups.get(c)!.s, groups.get(c)!.values) : c));
}

/** `{"==":[{"var":q},v]}` on a single choice or `{"in":[v,{"var":q}]}` on a multiple choice. */
function choiceOf(rule: unknown, ctx: Ctx): { s: Subject & { kind: 'question' }; value: unknown } | null {
  const op = operator(rule)?.name;
  const args = op ? (rule as Record<string, unknown>)[op] : null;
  if (!Array.isArray(args) || args.length !== 2) return null;
  if (op === '==' || op === '===') {
    const s = subjectOf(args[0], ctx);
    if (s?.kind === 'question' && s.node.input.type === 'single' && !operator(args[1])) return { s, value: args[1] };
  }
  if (op === 'in') {
    const s = subjectOf(args[1], ctx);
    if (s?.kind === 'question' && s.node.input.type === 'multi' && !operator(args[0])) return { s, value: args[0] };
  }
  return null;
}

function inClause(args: unknown[], ctx: Ctx): Clause | null {
  const [needle, haystack] = args;
  const hay = subjectOf(haystack, ctx);
  if (hay?.kind === 'question' && (typeof needle === 'string' || typeof needle === 'number')) {
    if (hay.node.input.type === 'multi') return chosen(hay, [needle]);
    if (hay.node.input.type === 'text') return { text: `bij ${quote(hay.label)} staat ${quote(String(needle))}` };
  }
  const s = subjectOf(needle, ctx);
  if (s?.kind === 'question' && Array.isArray(haystack)) return chosen(s, haystack);
  return null;
}

/** `{"some":[{"var":"q"},{"in":[{"var":""},["a","b"]]}]}`: at least one (or none) of these chosen. */
function iterClause(op: string, args: unknown[], ctx: Ctx): Clause | null {
  const [over, test] = args;
  const s = subjectOf(over, ctx);
  const inner = operator(test)?.name === 'in' ? (test as { in: unknown[] }).in : null;
  const values = inner && JSON.stringify(inner[0]) === JSON.stringify({ var: '' }) && Array.isArray(inner[1]) ? inner[1] : null;
  if (s?.kind !== 'question' || !values) return null;
  const labels = joinList(
    values.map((v) => optionLabel(s.node, v)),
    op === 'all' ? 'en' : 'of',
  );
  if (op === 'some') return { text: `bij ${quote(s.label)} minstens één is gekozen van: ${labels}` };
  if (op === 'none') return { text: `bij ${quote(s.label)} niets is gekozen van: ${labels}` };
  return { text: `bij ${quote(s.label)} alleen is gekozen uit: ${labels}` };
}

function missingClause(args: unknown[], ctx: Ctx): Clause | null {
  const names = args.flat();
  if (!names.every((n) => typeof n === 'string')) return null;
  const labels = names.map((n) => subjectName(subjectOf({ var: n }, ctx)!));
  return { text: `nog niet is beantwoord: ${joinList(labels, 'of')}` };
}

function compare(op: string, args: unknown[], ctx: Ctx): Clause | null {
  if (args.length === 3 && (op === '<' || op === '<=')) return between(op, args, ctx);
  let [a, b] = args;
  let s = subjectOf(a, ctx);
  if (!s) {
    s = subjectOf(b, ctx);
    [a, b] = [b, a];
    if (FLIP[op]) op = FLIP[op]!;
  }
  if (!s || operator(b)) return null;
  const negated = op === '!=' || op === '!==';
  if (op === '==' || op === '===' || negated) {
    if (b === null) return { text: `${subjectName(s)} ${negated ? 'wel' : 'niet'} is beantwoord` };
    if (s.kind === 'question' && ['single', 'yesno'].includes(s.node.input.type)) return chosen(s, [b], negated);
    if (s.kind === 'derived' && typeof b === 'boolean' && s.label)
      return { text: `${b !== negated ? '' : 'niet '}geldt: ${quote(s.label)}` };
    return { text: `${subjectName(s)} ${negated ? 'niet ' : ''}${valueWords(s, b, 'precies')} is` };
  }
  const value = valueWords(s, b);
  const date = isDate(s, b);
  const phrase: Record<string, string> = date
    ? { '>': `na ${value}`, '>=': `op of na ${value}`, '<': `vóór ${value}`, '<=': `op of vóór ${value}` }
    : { '>': `meer dan ${value}`, '>=': `${value} of meer`, '<': `minder dan ${value}`, '<=': `${value} of minder` };
  return phrase[op] ? { text: `${subjectName(s)} ${phrase[op]} is` } : null;
}

function between(op: string, args: unknown[], ctx: Ctx): Clause | null {
  const [lo, x, hi] = args;
  const s = subjectOf(x, ctx);
  if (!s || operator(lo) || operator(hi)) return null;
  const [l, h] = [valueWords(s, lo, '', false), valueWords(s, hi)];
  return {
    text:
      op === '<='
        ? `${subjectName(s)} ${l} tot en met ${h} is`
        : `${subjectName(s)} tussen ${l} en ${h} ligt (niet gelijk aan ${l} of ${h})`,
  };
}

function isDate(s: Subject, v: unknown) {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && (s.kind !== 'question' || s.node.input.type === 'date');
}

/** A constant as a reader says it: a number with the question's unit, a date, a quoted text. */
function valueWords(s: Subject, v: unknown, prefix = '', withUnit = true): string {
  const pre = prefix ? `${prefix} ` : '';
  if (typeof v === 'number') {
    const unit = s.kind === 'question' && s.node.input.type === 'number' ? s.node.input.unit?.nl : undefined;
    return `${pre}${String(v).replace('.', ',')}${unit && withUnit ? ` ${unit}` : ''}`;
  }
  if (typeof v === 'boolean') return `${pre}${v ? 'waar' : 'niet waar'}`;
  if (typeof v === 'string' && isDate(s, v)) return `${pre}${v}`;
  return `${pre}${quote(String(v))}`;
}

/** "a", "a en b", "a, b en c". */
export function joinList(parts: string[], word: 'en' | 'of'): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts[parts.length - 1]}`;
}
