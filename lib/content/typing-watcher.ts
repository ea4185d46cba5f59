/**
 * Whether the agent is typing in the host page, for the prompt policy (issue #4): the time of the
 * last keystroke and whether focus is in an editable field. One passive capture listener; nothing
 * typed is read or kept. Only keys the agent pressed count (`isTrusted`): a page that dispatches
 * its own `keydown` events (editors, keyboard-shortcut libraries) must not hold prompts back.
 */
export function watchTyping(
  document: Document,
  now: () => number = Date.now,
  pressedByAgent: (event: Event) => boolean = (event) => event.isTrusted,
) {
  let lastKeystrokeAt: number | null = null;
  const onKey = (event: Event) => {
    if (pressedByAgent(event)) lastKeystrokeAt = now();
  };
  document.addEventListener('keydown', onKey, { capture: true, passive: true });
  return {
    state() {
      return { lastKeystrokeAt, editableFocused: isEditable(focusedElement(document)) };
    },
    stop: () => document.removeEventListener('keydown', onKey, { capture: true }),
  };
}

/**
 * The element with focus, inside open shadow roots and same-origin frames too: ServiceNow's form
 * is in its `gsft_main` frame (in Next Experience, itself inside shadow roots), where the top
 * document only sees a host or the frame focused. Cross-origin frames stay closed.
 */
function focusedElement(document: Document): Element | null {
  let element = document.activeElement;
  for (let depth = 0; depth < 12 && element; depth++) {
    let inner: Element | null = element.shadowRoot?.activeElement ?? null;
    if (!inner && /^i?frame$/.test(element.localName)) {
      try {
        inner = (element as HTMLIFrameElement).contentDocument?.activeElement ?? null;
      } catch {
        inner = null;
      }
    }
    if (!inner) break;
    element = inner;
  }
  return element;
}

// By tag name, not `instanceof`: an element of a frame's document has that frame's constructors.
function isEditable(element: Element | null): boolean {
  if (!element) return false;
  const field = element as HTMLInputElement;
  if (element.localName === 'textarea') return !field.readOnly && !field.disabled;
  if (element.localName === 'input') {
    return (
      !field.readOnly &&
      !field.disabled &&
      !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(
        field.type,
      )
    );
  }
  return (
    (element as HTMLElement).isContentEditable === true ||
    element.getAttribute('contenteditable') === 'true'
  );
}
