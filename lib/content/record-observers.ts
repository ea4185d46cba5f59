/**
 * What may change the reading of the record in front, observed as narrowly as the page allows
 * (issue #15 item 7). A live CRM page mutates all the time outside the record (a queue, presence
 * badges, timers); observing the whole document would cost the page a callback for each of those
 * changes. Once the record's part of the page (the adapter's scope) is known, only these are
 * watched:
 * - the part itself, with its subtree: a status changed in place, a field filled in. Given the
 *   selectors of the fields the adapter reads there, a change that touches none of them (a
 *   presence badge, a timer in the ticket pane) is told apart: the page need not be read again
 *   for it, only the app's API may know more;
 * - each of its ancestors, children only: the part replaced or removed, another pane added beside;
 * - the head: the title, which some adapters read;
 * - the adapter's watched attributes anywhere (which pane is active), which the browser filters;
 * - the address, through the Navigation API where the browser has it.
 * Without a part (no scope, or none found yet) the whole document is observed, as it is when the
 * browser has no Navigation API (then only to notice a new address).
 */

/**
 * `field`: in the record's part, touching an element a field is read from (read the page again);
 * `record`: elsewhere in that part (its state may have changed where only the app's API tells);
 * `page`: outside it (another record may be in front).
 */
export type PageChange = 'field' | 'record' | 'page';

export type RecordObserverOptions = {
  document: Document;
  /** Attribute changes that also mean "another record may be in front". */
  watchAttributes: readonly string[];
  currentUrl: () => string;
  /**
   * `texts`, with a `record` change made only of text replaced in place: the elements whose text
   * changed (a ticking badge or timer may be among them); absent when anything else changed.
   */
  onChange: (change: PageChange, texts?: readonly Element[]) => void;
};

type NavigationLike = EventTarget;

export function createRecordObservers(options: RecordObserverOptions) {
  const { document, watchAttributes, currentUrl, onChange } = options;
  const navigation = (document.defaultView as { navigation?: NavigationLike } | null)?.navigation;
  let root: Node | null = null;
  let fields: string | null = null;
  let followedUrl = '';

  const record = new MutationObserver((mutations) => {
    if (!root) return onChange('page');
    let change: PageChange | null = null;
    let texts: Set<Element> | null = new Set();
    for (const mutation of mutations) {
      const part = recordPartChange(mutation, root, fields);
      if (part === 'field') return onChange('field');
      if (!part) continue;
      change = part;
      const element = textChangedIn(mutation);
      if (element) texts?.add(element);
      else texts = null;
    }
    if (change) onChange(change, texts ? [...texts] : undefined);
  });
  const page = new MutationObserver(() => onChange('page'));
  // Its own observer: `observe` on a node already observed replaces the options for that node,
  // and the document is also the topmost ancestor, observed for its children.
  const attributes = new MutationObserver(() => onChange('page'));
  // Only where the browser cannot tell about a new address: every change, then compare it.
  const address = new MutationObserver(() => {
    if (currentUrl() !== followedUrl) onChange('page');
  });
  const onNavigated = () => onChange('page');
  navigation?.addEventListener('currententrychange', onNavigated);

  const attributeOptions = watchAttributes.length
    ? { attributes: true, attributeFilter: [...watchAttributes] }
    : {};

  function disconnect() {
    record.disconnect();
    page.disconnect();
    attributes.disconnect();
    address.disconnect();
  }

  return {
    /**
     * Observes what may change the reading of `part` (`null`: the whole document), from `url`.
     * `fieldSelector`: every selector the adapter reads fields with, in one list; without it
     * (or for an adapter that reads inside shadow roots, which no observer here sees), every
     * change in the part counts.
     */
    follow(part: Node | null, url: string, fieldSelector: string | null = null) {
      disconnect();
      root = part === document ? null : part;
      fields = fieldSelector;
      followedUrl = url;
      if (!root) {
        record.observe(document, {
          subtree: true,
          childList: true,
          characterData: true,
          ...attributeOptions,
        });
        return;
      }
      record.observe(root, { subtree: true, childList: true, characterData: true });
      for (let node = root.parentNode; node; node = node.parentNode) {
        page.observe(node, { childList: true });
      }
      if (document.head) {
        page.observe(document.head, { subtree: true, childList: true, characterData: true });
      }
      if (watchAttributes.length) {
        attributes.observe(document, { subtree: true, ...attributeOptions });
      }
      if (!navigation) address.observe(document, { subtree: true, childList: true });
    },
    stop() {
      disconnect();
      navigation?.removeEventListener('currententrychange', onNavigated);
    },
  };
}

/**
 * What a DOM change in the record's part may change: nothing (outside the part, or the agent
 * typing: an editor's text is not the record's state), a field (in, or adding or removing, an
 * element a field is read from: every change, without `fieldSelector`), or the record's state
 * where only the app's API tells.
 */
export function recordPartChange(
  mutation: MutationRecord,
  root: Node,
  fieldSelector: string | null = null,
): 'field' | 'record' | null {
  const target = mutation.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  if (!element || !root.contains(element)) return null;
  if (element.closest('textarea, [contenteditable]:not([contenteditable="false"])')) return null;
  if (fieldSelector === null || element.closest(fieldSelector)) return 'field';
  const holdsField = (node: Node) =>
    node.nodeType === 1 &&
    ((node as Element).matches(fieldSelector) || !!(node as Element).querySelector(fieldSelector));
  return [...mutation.addedNodes, ...mutation.removedNodes].some(holdsField) ? 'field' : 'record';
}

/** The element whose text alone a mutation replaced in place (null for any other change). */
export function textChangedIn(mutation: MutationRecord): Element | null {
  if (mutation.type === 'characterData') return mutation.target.parentElement;
  if (mutation.type !== 'childList' || mutation.target.nodeType !== 1) return null;
  const nodes = [...mutation.addedNodes, ...mutation.removedNodes];
  return nodes.every((node) => node.nodeType === 3) ? (mutation.target as Element) : null;
}
