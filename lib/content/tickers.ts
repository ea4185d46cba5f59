/**
 * Elements in a record's part of the page whose text keeps changing while the app's API has
 * nothing new: a presence badge ("2 agents viewing"), a timer ("3 min ago"). Each of their changes
 * used to ask the API again (up to the tab's whole budget, every minute the ticket stays open);
 * once an element's text has changed TICKER_AFTER times and every answer was the same as before,
 * its text alone asks no more. An answer that differs (the element showed state after all) makes
 * it count from zero again. Structural changes (an update appended, a field added) always ask;
 * the focus and interval refreshes are never held back.
 */
export const TICKER_AFTER = 3;

export type Tickers = ReturnType<typeof createTickers>;

export function createTickers(after: number = TICKER_AFTER) {
  const sameAnswers = new WeakMap<Element, number>();
  return {
    /** Whether these elements' text changes are all a ticker's (false for none). */
    allTicking(elements: readonly Element[]): boolean {
      return (
        elements.length > 0 && elements.every((element) => (sameAnswers.get(element) ?? 0) >= after)
      );
    },
    /** The API answered a request these elements' text changes caused: as before, or not. */
    answered(elements: Iterable<Element>, same: boolean) {
      for (const element of elements) {
        if (same) sameAnswers.set(element, (sameAnswers.get(element) ?? 0) + 1);
        else sameAnswers.delete(element);
      }
    },
  };
}
