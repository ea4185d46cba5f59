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

type MaybePrerendered = Pick<Document, 'addEventListener'> & { prerendering?: boolean };

/**
 * Resolves once the agent has opened the page: at once, unless the browser is prerendering it
 * (Chromium's omnibox guess, a page's speculation rules), then when it is shown. The content
 * script runs in a prerendered page; reporting from there would name its record as the one in
 * front of the tab the agent is still working in (the background refuses it, `rejectSender`).
 */
export function pageOpened(document: MaybePrerendered) {
  if (!document.prerendering) return Promise.resolve();
  return new Promise<void>((resolve) =>
    document.addEventListener('prerenderingchange', () => resolve(), { once: true }),
  );
}
