import { isGeneratedClass, isUnstableId } from './generated-names';

// The visual builder's selector proposer (issue #16): from the element an admin clicked, the
// selectors that find it again on the next page load and on other records. Pure: it reads the
// document it is given and changes nothing.

/** How a selector finds its element, best first: the order candidates are ranked in. */
export const ANCHOR_KINDS = ['id', 'data', 'aria', 'label', 'path', 'class', 'position'] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

export type SelectorCandidate = { selector: string; kind: AnchorKind };

/** Attributes that name what an element is, not which record it shows. */
const NAMING_ATTRIBUTES = ['name', 'itemprop', 'aria-label', 'title', 'role'] as const;
/** Test hooks teams add on purpose, preferred over other `data-*` attributes. */
const TEST_HOOKS = ['data-testid', 'data-test', 'data-test-id', 'data-qa', 'data-cy'];
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_CANDIDATES = 6;
const MAX_ATTRIBUTE_LENGTH = 60;

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const tagOf = (element: Element) => element.localName;
const normalised = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** An attribute value that describes the element, not the record on screen. */
function isStableValue(value: string, element: Element) {
  const text = normalised(element.textContent);
  return (
    value.length > 0 &&
    value.length <= MAX_ATTRIBUTE_LENGTH &&
    !isUnstableId(value) &&
    // An address or a person's name is the record's data, not a name for the element.
    !value.includes('@') &&
    !(text.length > 2 && value.includes(text))
  );
}

function stableId(element: Element): string | null {
  const id = element.getAttribute('id');
  if (!id || !isStableValue(id, element)) return null;
  return IDENT.test(id) ? `#${id}` : `[id=${quote(id)}]`;
}

function dataAnchors(element: Element): string[] {
  const attributes = [...element.attributes].filter(
    (attribute) =>
      attribute.name.startsWith('data-') &&
      !isGeneratedClass(attribute.name.slice(5)) &&
      isStableValue(attribute.value, element),
  );
  const hooksFirst = [
    ...attributes.filter((attribute) => TEST_HOOKS.includes(attribute.name)),
    ...attributes.filter((attribute) => !TEST_HOOKS.includes(attribute.name)),
  ];
  return hooksFirst.map((attribute) => `[${attribute.name}=${quote(attribute.value)}]`);
}

function namingAnchors(element: Element): string[] {
  return NAMING_ATTRIBUTES.flatMap((name) => {
    const value = element.getAttribute(name);
    return value && isStableValue(value, element)
      ? [`${tagOf(element)}[${name}=${quote(value)}]`]
      : [];
  });
}

/** The most specific stable way to name this element on its own, if it has one. */
function ownAnchor(element: Element): string | null {
  return stableId(element) ?? dataAnchors(element)[0] ?? namingAnchors(element)[0] ?? null;
}

function stableClasses(element: Element) {
  return [...element.classList].filter((name) => IDENT.test(name) && !isGeneratedClass(name));
}

/** `tag.stable-class` plus `:nth-of-type(n)` when siblings of the same tag would also match. */
function stepFor(element: Element): string {
  const base =
    tagOf(element) +
    stableClasses(element)
      .map((name) => `.${name}`)
      .join('');
  const parent = element.parentElement;
  if (!parent) return base;
  const sameTag = [...parent.children].filter((child) => child.localName === element.localName);
  if (sameTag.length === 1) return base;
  const alike = [...parent.children].filter((child) => safeMatches(child, base));
  if (alike.length === 1) return base;
  return `${tagOf(element)}:nth-of-type(${sameTag.indexOf(element) + 1})`;
}

function safeMatches(element: Element, selector: string) {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/** Whether `selector` finds exactly `element` in `root`. */
export function findsOnly(root: ParentNode, selector: string, element: Element): boolean {
  try {
    const found = root.querySelectorAll(selector);
    return found.length === 1 && found[0] === element;
  } catch {
    return false;
  }
}

/** An element that labels the one after it: a term, a header cell, a label, or "Text:". */
function isLabelLike(element: Element) {
  return (
    ['dt', 'th', 'label'].includes(element.localName) || /:$/.test(normalised(element.textContent))
  );
}

/** `#label-status + dd`: the element right after a label that has a stable anchor. */
function afterLabel(element: Element): string | null {
  const previous = element.previousElementSibling;
  if (!previous || !isLabelLike(previous)) return null;
  const anchor = ownAnchor(previous);
  return anchor ? `${anchor} + ${tagOf(element)}` : null;
}

/**
 * Label anchors: the element is named by a label the page ties to it (`aria-labelledby`) or sits
 * right after a label that has a stable anchor (`#lbl-status + dd`, `[data-label="email"] + span`).
 */
function labelAnchors(element: Element, root: ParentNode): string[] {
  const anchors: string[] = [];
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy && isStableValue(labelledBy, element)) {
    anchors.push(`${tagOf(element)}[aria-labelledby=${quote(labelledBy)}]`);
  }
  const after = afterLabel(element);
  if (after) anchors.push(after);
  return anchors.filter((selector) => findsOnly(root, selector, element));
}

/**
 * Paths from the nearest ancestors with a stable anchor (or right after an anchored label): first
 * the short form (`#customer .name`), then the exact child path (`#customer > div > span`).
 */
function anchoredPaths(element: Element, root: ParentNode): string[] {
  const paths: string[] = [];
  const steps: Element[] = [element];
  for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
    const anchor = ownAnchor(ancestor) ?? afterLabel(ancestor);
    if (anchor) {
      const last = stepFor(element);
      paths.push(`${anchor} ${last}`, `${anchor} > ${steps.map(stepFor).reverse().join(' > ')}`);
      if (paths.some((selector) => findsOnly(root, selector, element))) break;
    }
    steps.push(ancestor);
  }
  return paths.filter((selector) => findsOnly(root, selector, element));
}

/** The child path from `<body>`: unique by construction, the last resort. */
function positionPath(element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node && node.localName !== 'body';) {
    const parent: Element | null = node.parentElement;
    const sameTag = parent
      ? [...parent.children].filter((child) => child.localName === node!.localName)
      : [node];
    steps.unshift(
      sameTag.length > 1 ? `${tagOf(node)}:nth-of-type(${sameTag.indexOf(node) + 1})` : tagOf(node),
    );
    node = parent;
  }
  return ['body', ...steps].join(' > ');
}

/**
 * Selectors that find `element` and nothing else in `root`, most robust first: its own id,
 * `data-*` (test hooks first), ARIA and naming attributes, label anchors, paths from an anchored
 * ancestor, stable classes, and the child path from `<body>` last. Generated ids and classes
 * (`ember123`, `css-1x2y3z`, `_3kX9q`) and values that name the record on screen are never used.
 */
export function proposeSelectors(element: Element, root: ParentNode): SelectorCandidate[] {
  const own: SelectorCandidate[] = [
    ...(stableId(element) ? [{ selector: stableId(element)!, kind: 'id' as const }] : []),
    ...dataAnchors(element).map((selector) => ({ selector, kind: 'data' as const })),
    ...namingAnchors(element).map((selector) => ({ selector, kind: 'aria' as const })),
  ];
  const classes = stableClasses(element);
  const candidates: SelectorCandidate[] = [
    ...own.filter((candidate) => findsOnly(root, candidate.selector, element)),
    ...labelAnchors(element, root).map((selector) => ({ selector, kind: 'label' as const })),
    ...anchoredPaths(element, root).map((selector) => ({ selector, kind: 'path' as const })),
    ...(classes.length > 0
      ? [{ selector: `${tagOf(element)}.${classes.join('.')}`, kind: 'class' as const }]
      : []
    ).filter((candidate) => findsOnly(root, candidate.selector, element)),
    { selector: positionPath(element), kind: 'position' as const },
  ];
  const seen = new Set<string>();
  return candidates
    .filter((candidate) => !seen.has(candidate.selector) && seen.add(candidate.selector))
    .slice(0, MAX_CANDIDATES);
}

/**
 * The text of the label next to an element (its `<label for>`, `aria-labelledby`, the term or
 * header cell before it or before the cell it fills, or its row's header), so a selector that
 * lands on another field of a second record is caught.
 */
export function labelTextOf(element: Element): string | null {
  const doc = element.ownerDocument;
  const id = element.getAttribute('id');
  const labelledBy = element.getAttribute('aria-labelledby');
  let label: Element | null =
    (id && doc.querySelector(`label[for=${quote(id)}]`)) ||
    (labelledBy && doc.getElementById(labelledBy)) ||
    null;
  // The label of the cell the element alone fills (`<dd><a>…</a></dd>` is labelled by its `<dt>`).
  for (let node: Element | null = element; !label && node;) {
    const previous = node.previousElementSibling;
    if (previous && isLabelLike(previous)) label = previous;
    const parent: Element | null = node.parentElement;
    node = parent && parent.children.length === 1 ? parent : null;
  }
  label ??= element.closest('tr')?.querySelector('th') ?? null;
  const text = normalised(label?.textContent);
  return text && text.length <= 40 ? text : null;
}
