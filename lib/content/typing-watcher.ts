/**
 * Whether the agent is typing in the host page, for the prompt policy (issue #4): the time of the
 * last keystroke and whether focus is in an editable field. One passive capture listener; nothing
 * typed is read or kept.
 */
export function watchTyping(document: Document, now: () => number = Date.now) {
  let lastKeystrokeAt: number | null = null;
  const onKey = () => {
    lastKeystrokeAt = now();
  };
  document.addEventListener('keydown', onKey, { capture: true, passive: true });
  return {
    state() {
      return { lastKeystrokeAt, editableFocused: isEditable(document.activeElement) };
    },
    stop: () => document.removeEventListener('keydown', onKey, { capture: true }),
  };
}

function isEditable(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (element instanceof HTMLInputElement) {
    return (
      !element.readOnly &&
      !element.disabled &&
      !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(
        element.type,
      )
    );
  }
  return (
    (element as HTMLElement).isContentEditable === true ||
    element.getAttribute('contenteditable') === 'true'
  );
}
