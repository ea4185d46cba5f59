// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { showsCallSignal } from './call-signal';

describe('showsCallSignal', () => {
  it('is on a call while the softphone shows its hang-up button, and off once it is gone', () => {
    document.body.innerHTML =
      '<div class="softphone"><button data-action="hangup">End</button></div>';
    const selectors = ['.softphone [data-action="hangup"]'];
    expect(showsCallSignal(document, selectors)).toBe(true);
    document.querySelector('[data-action="hangup"]')!.remove();
    expect(showsCallSignal(document, selectors)).toBe(false);
  });

  it('treats an invalid selector as no signal instead of throwing', () => {
    document.body.innerHTML = '<button class="hangup"></button>';
    expect(showsCallSignal(document, ['button[', '.hangup'])).toBe(true);
    expect(showsCallSignal(document, ['button['])).toBe(false);
  });
});
