import tokenize, { types, type Root, type SetToken, type Token, type Tokens } from 'ret';

// Adapter patterns run on the CRM page's text, which customers write: a pattern that backtracks
// exponentially on text that almost matches would hang the agent's page. It does so when a text
// can be split into the rounds of a long repetition (`+`, `*`, `{n,}`, or a bound of 10 or
// more) in many ways, which the engine then tries one by one:
// - another long repetition inside it (`([a-z]+)+@`);
// - alternatives inside it that can match the same text: plain words that form no code a text
//   splits one way only (`(a|aa)+`; Sardinas–Patterson), or other alternatives that can begin with
//   the same character (`(.|\s)*`);
// - a part of varying length inside it followed by what could also begin it (`(a?a)+`,
//   `(\d{1,3})+`).
// A pattern ret cannot read is left to V8's own check.

/** A bound this large repeats like no bound at all on the 2,000 characters a pattern reads. */
const LONG_REPETITION = 10;

/** Whether `source` has one of the shapes above. */
export function backtracksExponentially(source: string): boolean {
  const root = parse(source);
  if (!root) return false;
  return longDepth(root) >= 2 || repeatsAmbiguously(root, false);
}

function parse(source: string): Root | null {
  try {
    // ret cannot read lookbehinds; as zero-width parts they weigh like lookaheads here.
    return tokenize(source.replace(/(?<!\\)\(\?<([=!])/g, '(?$1'));
  } catch {
    return null;
  }
}

const childrenOf = (token: Tokens): Token[] => {
  if (token.type === types.REPETITION) return [token.value];
  if (token.type !== types.ROOT && token.type !== types.GROUP) return [];
  return token.options ? token.options.flat() : (token.stack ?? []);
};

const isLong = (token: Tokens) => token.type === types.REPETITION && token.max >= LONG_REPETITION;

function longDepth(token: Tokens): number {
  return (isLong(token) ? 1 : 0) + Math.max(0, ...childrenOf(token).map(longDepth));
}

function repeatsAmbiguously(token: Tokens, repeated: boolean): boolean {
  if (token.type === types.REPETITION && isLong(token) && unitIsAmbiguous(token.value)) return true;
  const inRepetition = repeated || isLong(token);
  if (
    inRepetition &&
    token.type === types.GROUP &&
    token.options &&
    alternativesAmbiguous(token.options)
  ) {
    return true;
  }
  return childrenOf(token).some((child) => repeatsAmbiguously(child, inRepetition));
}

/**
 * Whether a repeated unit has a part of varying length followed by what could also begin that
 * part: then "aa" is one round of `(a?a)` or two.
 */
function unitIsAmbiguous(unit: Token): boolean {
  const sequence = unit.type === types.GROUP && !unit.options ? (unit.stack ?? []) : [unit];
  const start = firstOfSequence(sequence);
  return sequence.some((part, at) => {
    if (part.type !== types.REPETITION || part.min === part.max) return false;
    const own = firstOf(part.value).test;
    const rest = firstOfSequence(sequence.slice(at + 1));
    const next = rest.nullable ? union([rest, start]) : rest.test;
    return own !== null && next !== null && overlapOn(own, next, sequence);
  });
}

/** The text of an alternative made of plain characters only, else null. */
function wordOf(option: readonly Token[]): string | null {
  if (!option.every((token) => token.type === types.CHAR)) return null;
  return String.fromCharCode(...option.map((token) => (token as { value: number }).value));
}

/**
 * Sardinas–Patterson: whether some text is two different sequences of `words`. Its sets of
 * dangling suffixes are suffixes of the words, so the walk ends.
 */
function wordsAmbiguous(words: readonly string[]): boolean {
  const code = new Set(words);
  if (code.size < words.length || code.has('')) return true;
  const danglingOf = (from: Iterable<string>, to: ReadonlySet<string>) => {
    const next = new Set<string>();
    for (const u of from) {
      for (const v of to) {
        if (u !== v && v.startsWith(u)) next.add(v.slice(u.length));
        if (u !== v && u.startsWith(v)) next.add(u.slice(v.length));
      }
    }
    return next;
  };
  let dangling = danglingOf(code, code);
  const seen = new Set<string>();
  while (dangling.size > 0) {
    for (const suffix of dangling) if (suffix === '' || code.has(suffix)) return true;
    const key = [...dangling].sort().join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    dangling = danglingOf(dangling, code);
  }
  return false;
}

/** The characters a part of a pattern can begin with (null: none), and whether it can match "". */
type First = { test: ((code: number) => boolean) | null; nullable: boolean };

const ANY = () => true;

function inSet(item: SetToken, code: number): boolean {
  if (item.type === types.CHAR) return item.value === code;
  if (item.type === types.RANGE) return item.from <= code && code <= item.to;
  return item.set.some((inner) => inSet(inner, code)) !== item.not;
}

function union(firsts: readonly First[]): First['test'] {
  const tests = firsts.flatMap((first) => (first.test ? [first.test] : []));
  return tests.length === 0 ? null : (code) => tests.some((test) => test(code));
}

function firstOfSequence(tokens: readonly Token[]): First {
  const seen: First[] = [];
  for (const token of tokens) {
    const first = firstOf(token);
    seen.push(first);
    if (!first.nullable) return { test: union(seen), nullable: false };
  }
  return { test: union(seen), nullable: true };
}

function firstOf(token: Token): First {
  switch (token.type) {
    case types.CHAR:
      return { test: (code) => code === token.value, nullable: false };
    case types.SET:
      return { test: (code) => inSet(token, code), nullable: false };
    case types.POSITION:
      return { test: null, nullable: true };
    case types.REFERENCE:
      return { test: ANY, nullable: true };
    case types.REPETITION: {
      const inner = firstOf(token.value);
      return { test: inner.test, nullable: token.min === 0 || inner.nullable };
    }
    case types.GROUP: {
      if (token.followedBy || token.notFollowedBy || token.lookBehind) {
        return { test: null, nullable: true };
      }
      const firsts = (token.options ?? [token.stack ?? []]).map(firstOfSequence);
      return { test: union(firsts), nullable: firsts.some((first) => first.nullable) };
    }
  }
}

/** Characters to try the alternatives on: ASCII, a few beyond it, and the pattern's own. */
const SAMPLES = [
  ...Array.from({ length: 128 }, (_, code) => code),
  0xa0,
  0xe9,
  0x3b1,
  0x416,
  0x2028,
  0x4e2d,
  0xfeff,
];

/**
 * Whether alternatives can match the same text: for plain words, when some text is two sequences
 * of them; else when two can begin with the same character, or one can match nothing.
 */
function alternativesAmbiguous(options: readonly Token[][]): boolean {
  const words = options.map(wordOf);
  if (words.every((word) => word !== null)) return wordsAmbiguous(words as string[]);
  const firsts = options.map(firstOfSequence);
  if (firsts.some((first) => first.nullable)) return true;
  const tests = firsts.flatMap((first) => (first.test ? [first.test] : []));
  const samples = [...SAMPLES, ...options.flat().flatMap(charsOf)];
  return samples.some((code) => tests.filter((test) => test(code)).length > 1);
}

/** Whether two first-character tests share a character (tried on samples and `near`'s own). */
function overlapOn(a: (code: number) => boolean, b: (code: number) => boolean, near: Token[]) {
  return [...SAMPLES, ...near.flatMap(charsOf)].some((code) => a(code) && b(code));
}

function charsOf(token: Token | SetToken): number[] {
  if (token.type === types.CHAR) return [token.value];
  if (token.type === types.RANGE) return [token.from, token.to];
  if (token.type === types.SET) return token.set.flatMap(charsOf);
  return childrenOf(token).flatMap(charsOf);
}

// A pattern can also take polynomial time: repetitions in a row that can match the same
// characters split a text in n × n ways (`.*.*=x`, `(.+)\s+(.+)\s+(.+)@`), each tried when what
// follows them fails, and an unanchored pattern is tried again from every position. On the 2,000
// characters a pattern reads, n³ steps take seconds (`.*.*=x`: 4 s; `(.+)@(.+)\.com`: 1.4 s),
// n² a few milliseconds (`(.+)@(.+)`: 12 ms). Repetitions at the end of the pattern cost nothing:
// once the one before them has matched, they do too (or fail at once).

/** The steps a pattern may take grow as the text's length to this power: refused. */
const SLOW_DEGREE = 3;

/** A part of a sequence: a long repetition, or anything else (`fixed`). */
type Unit = {
  long: boolean;
  chars: First['test'];
  /** Can match nothing. */
  nullable: boolean;
  /** Cannot fail: a repetition that may match nothing, or the end of the text. */
  free: boolean;
};

/**
 * Whether `source` holds long repetitions in a row that can match the same characters, so that
 * its steps grow as the cube of the text's length (or more). `backtracksExponentially` first.
 */
export function backtracksPolynomially(source: string): boolean {
  const root = parse(source);
  if (!root) return false;
  const samples = [...SAMPLES, ...childrenOf(root).flatMap(charsOf)];
  /** Whether some character is in every one of `tests`. */
  const share = (...tests: First['test'][]) =>
    samples.some((code) => tests.every((test) => test?.(code)));
  /**
   * The longest run of long repetitions that can trade characters: each next one and each part
   * between can match a same character as the one before (`.+@.+`: an "@" is in either).
   */
  const chainOf = (units: readonly Unit[]) => {
    let best = 0;
    let chain = 0;
    let last: First['test'] = null;
    let between: First['test'][] = [];
    for (const unit of units) {
      if (unit.long) {
        const trades = last && between.every((part) => share(last, unit.chars, part));
        chain = trades && share(last, unit.chars) ? chain + 1 : 1;
        last = unit.chars;
        between = [];
      } else if (last && !unit.nullable) {
        between.push(unit.chars);
        if (!share(last, unit.chars)) {
          chain = 0;
          last = null;
        }
      }
      best = Math.max(best, chain);
    }
    return best;
  };
  const inner: Token[][] = [];
  for (const sequence of root.options ?? [root.stack ?? []]) {
    const units = unitsOf(sequence, inner);
    let end = units.length;
    while (end > 0 && (units[end - 1]!.free || units[end - 1]!.long)) end--;
    const first = sequence[0];
    const anchored = first?.type === types.POSITION && first.value === '^';
    if (chainOf(units.slice(0, end)) + (anchored ? 0 : 1) >= SLOW_DEGREE) return true;
  }
  // Alternatives and lookarounds: what follows them is not known, so the whole run counts.
  for (let at = 0; at < inner.length; at++) {
    if (chainOf(unitsOf(inner[at]!, inner)) >= SLOW_DEGREE) return true;
  }
  return false;
}

const hasLong = (token: Token): boolean => isLong(token) || childrenOf(token).some(hasLong);

/** Every character a part of a pattern can match (null: none). */
function charsIn(token: Token): First['test'] {
  if (token.type === types.CHAR || token.type === types.SET) return firstOf(token).test;
  if (token.type === types.REFERENCE) return ANY;
  return union(childrenOf(token).map((child) => ({ test: charsIn(child), nullable: true })));
}

/**
 * A sequence as units: groups without alternatives opened, a short repetition of a part that holds
 * a long one written out (three times at most: enough to tell). Sequences checked on their own
 * (alternatives, lookarounds) go to `others`.
 */
function unitsOf(tokens: readonly Token[], others: Token[][]): Unit[] {
  const units: Unit[] = [];
  for (const token of tokens) {
    if (
      token.type === types.GROUP &&
      (token.followedBy || token.notFollowedBy || token.lookBehind)
    ) {
      others.push(...(token.options ?? [token.stack ?? []]));
    } else if (token.type === types.GROUP && !token.options) {
      units.push(...unitsOf(token.stack ?? [], others));
    } else if (token.type === types.REPETITION && !isLong(token) && hasLong(token.value)) {
      for (let round = 0; round < Math.min(token.max, 3); round++) {
        units.push(...unitsOf([token.value], round === 0 ? others : []));
      }
    } else {
      // A long repetition that holds another is exponential already.
      if (token.type === types.GROUP) others.push(...(token.options ?? []));
      const first = firstOf(token);
      units.push({
        long: hasLong(token),
        chars: charsIn(token),
        nullable: first.nullable,
        free:
          (token.type === types.REPETITION && token.min === 0) ||
          (token.type === types.POSITION && token.value === '$'),
      });
    }
  }
  return units;
}
