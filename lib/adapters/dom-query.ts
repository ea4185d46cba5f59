/** querySelector that also looks inside open shadow roots, depth first, in document order. */
export function queryDeep(root: ParentNode, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const shadowRoot of openShadowRootsUnder(root)) {
    const found = shadowRoot.querySelector(selector);
    if (found) return found;
  }
  return null;
}

function* openShadowRootsUnder(root: ParentNode): Generator<ShadowRoot> {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadowRoot = (node as Element).shadowRoot;
    if (shadowRoot) {
      yield shadowRoot;
      yield* openShadowRootsUnder(shadowRoot);
    }
  }
}
