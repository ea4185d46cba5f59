import tokenize, { types, type SetToken, type Token, type Tokens } from 'ret';

// Adapter patterns run on the CRM page's text, which customers write: a pattern that backtracks
// exponentially on text that almost matches would hang the agent's page. Two shapes do, both
// under an unbounded repetition (`+`, `*`, `{n,}`): another unbounded repetition inside it
// (`([a-z]+)+@`), or alternatives that can begin with the same character (`(a|aa)+`,
// `(.|\s)*`), each of which the engine tries in turn at every step. A pattern ret cannot read is
// left to V8's own check.

/** Whether `source` has either shape; see the module comment. */
export function backtracksExponentially(source: string): boolean {
  let root: Tokens;
  try {
    root = tokenize(source);
  } catch {
    return false;
  }
  return unboundedDepth(root) >= 2 || repeatsOverlappingAlternatives(root, false);
}

const childrenOf = (token: Tokens): Token[] => {
  if (token.type === types.REPETITION) return [token.value];
  if (token.type !== types.ROOT && token.type !== types.GROUP) return [];
  return token.options ? token.options.flat() : (token.stack ?? []);
};

function unboundedDepth(token: Tokens): number {
  const own = token.type === types.REPETITION && token.max === Infinity ? 1 : 0;
  return own + Math.max(0, ...childrenOf(token).map(unboundedDepth));
}

function repeatsOverlappingAlternatives(token: Tokens, repeated: boolean): boolean {
  const inRepetition = repeated || (token.type === types.REPETITION && token.max === Infinity);
  if (inRepetition && token.type === types.GROUP && token.options && overlap(token.options)) {
    return true;
  }
  return childrenOf(token).some((child) => repeatsOverlappingAlternatives(child, inRepetition));
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

/** Whether two alternatives can begin with the same character, or one can match nothing. */
function overlap(options: readonly Token[][]): boolean {
  const firsts = options.map(firstOfSequence);
  if (firsts.some((first) => first.nullable)) return true;
  const tests = firsts.flatMap((first) => (first.test ? [first.test] : []));
  const own = options.flat().flatMap(charsOf);
  return [...SAMPLES, ...own].some((code) => tests.filter((test) => test(code)).length > 1);
}

function charsOf(token: Token | SetToken): number[] {
  if (token.type === types.CHAR) return [token.value];
  if (token.type === types.RANGE) return [token.from, token.to];
  if (token.type === types.SET) return token.set.flatMap(charsOf);
  return childrenOf(token).flatMap(charsOf);
}
