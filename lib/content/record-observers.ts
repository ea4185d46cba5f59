/**
 * What may change the reading of the record in front, observed as narrowly as the page allows
 * (issue #15 item 7). A live CRM page mutates all the time outside the record (a queue, presence
 * badges, timers); observing the whole document would cost the page a callback for each of those
 * changes. Once the record's part of the page (the adapter's scope) is known, only these are
 * watched:
 * - the part itself, with its subtree: a status changed in place, a field filled in;
 * - each of its ancestors, children only: the part replaced or removed, another pane added beside;
 * - the head: the title, which some adapters read;
 * - the adapter's watched attributes anywhere (which pane is active), which the browser filters;
 * - the address, through the Navigation API where the browser has it.
 * Without a part (no scope, or none found yet) the whole document is observed, as it is when the
 * browser has no Navigation API (then only to notice a new address).
 */

/** `record`: inside the record's part (its state may have changed); `page`: elsewhere. */
export type PageChange = 'record' | 'page';

export type RecordObserverOptions = {
  document: Document;
  /** Attribute changes that also mean "another record may be in front". */
  watchAttributes: readonly string[];
  currentUrl: () => string;
  onChange: (change: PageChange) => void;
};

type NavigationLike = EventTarget;

export function createRecordObservers(options: RecordObserverOptions) {
  const { document, watchAttributes, currentUrl, onChange } = options;
  const navigation = (document.defaultView as { navigation?: NavigationLike } | null)?.navigation;
  let root: Node | null = null;
  let followedUrl = '';

  const record = new MutationObserver((mutations) => {
    if (root && mutations.some((mutation) => changesRecordPart(mutation, root!))) {
      onChange('record');
    } else onChange('page');
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
    /** Observes what may change the reading of `part` (`null`: the whole document), from `url`. */
    follow(part: Node | null, url: string) {
      disconnect();
      root = part === document ? null : part;
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
 * Whether a DOM change may be a change of the record's state as the page shows it: inside the
 * record's part of the page, and not the agent typing (an editor's text is not the record's state).
 */
export function changesRecordPart(mutation: MutationRecord, root: Node): boolean {
  const target = mutation.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  if (!element || !root.contains(element)) return false;
  return !element.closest('textarea, [contenteditable]:not([contenteditable="false"])');
}
