import { parse, type Selector } from 'css-what';

// Whether a browser's querySelector would accept a selector, without a DOM to ask (the background,
// the collector). css-what's grammar alone accepts more than browsers do: jQuery's pseudo-classes
// (`:contains()`, `:eq()`, `:visible`), unknown ones and pseudo-elements. A selector the page
// refuses throws there, and the adapter then reads nothing without a word (issue #15 item 3).

/** Pseudo-classes Chromium and Firefox accept in querySelector. */
const PSEUDO_CLASSES = new Set([
  'active',
  'any-link',
  'autofill',
  'checked',
  'default',
  'defined',
  'dir',
  'disabled',
  'empty',
  'enabled',
  'first-child',
  'first-of-type',
  'focus',
  'focus-visible',
  'focus-within',
  'fullscreen',
  'has',
  'host',
  'hover',
  'in-range',
  'indeterminate',
  'invalid',
  'is',
  'lang',
  'last-child',
  'last-of-type',
  'link',
  'modal',
  'not',
  'nth-child',
  'nth-last-child',
  'nth-last-of-type',
  'nth-of-type',
  'only-child',
  'only-of-type',
  'open',
  'optional',
  'out-of-range',
  'placeholder-shown',
  'popover-open',
  'read-only',
  'read-write',
  'required',
  'root',
  'scope',
  'target',
  'user-invalid',
  'user-valid',
  'valid',
  'visited',
  'where',
]);

/** jQuery's, which admins copy from scripts: named so that the message says where they come from. */
const JQUERY_PSEUDO_CLASSES = new Set([
  'contains',
  'eq',
  'first',
  'last',
  'even',
  'odd',
  'gt',
  'lt',
  'visible',
  'hidden',
  'input',
  'button',
  'header',
  'selected',
  'animated',
  'parent',
]);

const NTH_PSEUDO_CLASSES = new Set([
  'nth-child',
  'nth-last-child',
  'nth-of-type',
  'nth-last-of-type',
]);
const NTH_FORMULA = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*$/i;

/** A `#` or `.` followed by a digit, outside quotes and brackets: an id or class browsers refuse. */
function identifierStartsWithDigit(selector: string) {
  let quote: string | null = null;
  let brackets = 0;
  for (let index = 0; index < selector.length; index += 1) {
    const char = selector[index]!;
    if (char === '\\') index += 1;
    else if (quote) quote = char === quote ? null : quote;
    else if (char === '"' || char === "'") quote = char;
    else if (char === '[') brackets += 1;
    else if (char === ']') brackets = Math.max(0, brackets - 1);
    else if (brackets === 0 && (char === '#' || char === '.')) {
      if (/^-?\d/.test(selector.slice(index + 1, index + 3))) return true;
    }
  }
  return false;
}

function problemOfTokens(selectors: Selector[][]): string | null {
  for (const token of selectors.flat()) {
    if (token.type === 'pseudo-element')
      return `has ::${token.name}, which never matches an element`;
    if (token.type !== 'pseudo') continue;
    const { name, data } = token;
    if (JQUERY_PSEUDO_CLASSES.has(name)) return `uses :${name}, which is jQuery's, not CSS`;
    if (!PSEUDO_CLASSES.has(name)) return `uses :${name}, which browsers do not know`;
    if (Array.isArray(data)) {
      const inner = problemOfTokens(data);
      if (inner) return inner;
    } else if (NTH_PSEUDO_CLASSES.has(name)) {
      const [formula, ofSelector] = (data ?? '').split(/\s+of\s+/i);
      if (!NTH_FORMULA.test(formula ?? '')) return `has :${name}(${data ?? ''}), not a position`;
      if (ofSelector !== undefined) {
        const inner = cssSelectorProblem(ofSelector);
        if (inner) return inner;
      }
    }
  }
  return null;
}

/** Why a browser would refuse `selector`, in words for the admin; null when it would accept it. */
export function cssSelectorProblem(selector: string): string | null {
  let tokens: Selector[][];
  try {
    tokens = parse(selector);
  } catch {
    return 'is not a valid CSS selector';
  }
  if (identifierStartsWithDigit(selector)) {
    return 'has an id or class that starts with a digit (write [id="123"] or escape it)';
  }
  return problemOfTokens(tokens);
}
