/**
 * Whether the page shows that the agent is on a call: an adapter's `callSignal` element (say the
 * hang-up button of a softphone built into the CRM) is present. Admin selectors may be invalid
 * CSS: such a selector signals nothing rather than breaking the content script.
 */
export function showsCallSignal(document: Document, selectors: readonly string[]): boolean {
  return selectors.some((selector) => {
    try {
      return document.querySelector(selector) !== null;
    } catch {
      return false;
    }
  });
}
