// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { pickElement, PICKER_HOST_TAG } from './element-picker';

function page() {
  document.body.innerHTML = `<main><h1 id="subject">Invoice charged twice</h1><button>Reply</button></main>`;
  return document;
}

function layerOf(doc: Document) {
  const host = doc.querySelector(PICKER_HOST_TAG)!;
  return host.shadowRoot!.querySelector<HTMLElement>('.layer')!;
}

describe('pickElement', () => {
  it('returns the element under the click and leaves the page as it was', async () => {
    const doc = page();
    const before = doc.documentElement.outerHTML;
    const pageClicks = vi.fn();
    doc.addEventListener('click', pageClicks);
    const subject = doc.getElementById('subject')!;
    const handle = pickElement(doc, { prompt: 'Click the subject', hitTest: () => [subject] });

    expect(doc.querySelectorAll(PICKER_HOST_TAG)).toHaveLength(1);
    layerOf(doc).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));

    await expect(handle.result).resolves.toBe(subject);
    expect(pageClicks).not.toHaveBeenCalled();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('skips itself when finding the element under the pointer', async () => {
    const doc = page();
    const button = doc.querySelector('button')!;
    const handle = pickElement(doc, {
      prompt: 'Click the status',
      hitTest: () => [doc.querySelector(PICKER_HOST_TAG)!, button],
    });
    layerOf(doc).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await expect(handle.result).resolves.toBe(button);
  });

  it('is cancelled by Esc, which the page does not see, and removes itself', async () => {
    const doc = page();
    const before = doc.documentElement.outerHTML;
    const pageKeys = vi.fn();
    doc.addEventListener('keydown', pageKeys);
    const handle = pickElement(doc, { prompt: 'Click the subject', hitTest: () => [] });
    doc.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect(handle.result).resolves.toBeNull();
    expect(pageKeys).not.toHaveBeenCalled();
    expect(doc.documentElement.outerHTML).toBe(before);

    // Its key listener is gone: the page's Esc reaches the page again.
    doc.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(pageKeys).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled by the builder', async () => {
    const doc = page();
    const handle = pickElement(doc, { prompt: 'Click the subject', hitTest: () => [] });
    handle.cancel();
    await expect(handle.result).resolves.toBeNull();
    expect(doc.querySelector(PICKER_HOST_TAG)).toBeNull();
  });
});
