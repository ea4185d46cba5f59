import tokenize, { types, type Token, type Tokens } from 'ret';

/**
 * Whether an unbounded repetition (`+`, `*`, `{n,}`) sits inside another: `([a-z]+)+@`,
 * `(a|b*)*`. Such a pattern backtracks exponentially on text that almost matches, and adapter
 * patterns run on the CRM page's text, which customers write. Bounded repetitions are no risk of
 * that kind (`(?:[^?#]+-)?`, `(x+){0,3}`). A pattern ret cannot read is left to V8's own check.
 */
export function nestsUnboundedRepetition(source: string): boolean {
  let root: Tokens;
  try {
    root = tokenize(source);
  } catch {
    return false;
  }
  return unboundedDepth(root) >= 2;
}

function unboundedDepth(token: Tokens): number {
  switch (token.type) {
    case types.REPETITION:
      return (token.max === Infinity ? 1 : 0) + unboundedDepth(token.value);
    case types.ROOT:
    case types.GROUP: {
      const tokens: Token[] = token.options ? token.options.flat() : (token.stack ?? []);
      return Math.max(0, ...tokens.map(unboundedDepth));
    }
    default:
      return 0;
  }
}
