/**
 * Resolves once the page's HTML is parsed (at once when it already is: the script was injected
 * later), in a task of its own after DOMContentLoaded. Resolved inside that event, the first read
 * of the record, its observers and its requests ran in the page's own DOMContentLoaded task, which
 * holds the page's first layout and is its longest task after the parse: a few milliseconds more
 * there can make it a long task (over 50 ms) that the page alone would not have.
 */
export function pageParsed(document: Pick<Document, 'readyState' | 'addEventListener'>) {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise<void>((resolve) =>
    document.addEventListener('DOMContentLoaded', () => setTimeout(resolve, 0), { once: true }),
  );
}
