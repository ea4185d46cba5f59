// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createTickers, TICKER_AFTER } from './tickers';

describe('createTickers', () => {
  it('holds back an element’s text only after it changed TICKER_AFTER times with the same answer', () => {
    const tickers = createTickers();
    const badge = document.createElement('span');
    for (let answer = 1; answer < TICKER_AFTER; answer += 1) {
      tickers.answered([badge], true);
      expect(tickers.allTicking([badge])).toBe(false);
    }
    tickers.answered([badge], true);
    expect(tickers.allTicking([badge])).toBe(true);
  });

  it('asks again for an element that showed news, and whenever one element is not a ticker', () => {
    const tickers = createTickers(1);
    const badge = document.createElement('span');
    const status = document.createElement('span');
    tickers.answered([badge, status], true);
    expect(tickers.allTicking([badge, status])).toBe(true);
    tickers.answered([status], false); // its change came with a new answer: it shows state
    expect(tickers.allTicking([status])).toBe(false);
    expect(tickers.allTicking([badge, status])).toBe(false);
    expect(tickers.allTicking([])).toBe(false);
  });
});
