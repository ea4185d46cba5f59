// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { watchTyping } from './typing-watcher';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('watchTyping', () => {
  it('notes the time of the last keystroke, never what was typed', () => {
    document.body.innerHTML = '<textarea id="editor"></textarea>';
    let clock = 1000;
    // happy-dom cannot press a key: every event here is synthetic, so this one counts as pressed.
    const watcher = watchTyping(
      document,
      () => clock,
      () => true,
    );
    stop = watcher.stop;
    expect(watcher.state().lastKeystrokeAt).toBeNull();
    clock = 2000;
    document
      .getElementById('editor')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    expect(watcher.state()).toEqual({ lastKeystrokeAt: 2000, editableFocused: false });
  });

  it("ignores keydown events the page dispatches itself: they are not the agent's typing", () => {
    document.body.innerHTML = '<textarea id="editor"></textarea>';
    const watcher = watchTyping(document, () => 2000);
    stop = watcher.stop;
    const synthetic = new KeyboardEvent('keydown', { key: 'x', bubbles: true });
    document.getElementById('editor')!.dispatchEvent(synthetic);
    expect(watcher.state().lastKeystrokeAt).toBeNull();
  });

  it('knows when focus is in an editor, an input or a contenteditable, not a button', () => {
    document.body.innerHTML =
      '<input id="subject"><div id="reply" contenteditable="true"></div><button id="send">Send</button>';
    const watcher = watchTyping(document);
    stop = watcher.stop;
    for (const [id, editable] of [
      ['subject', true],
      ['reply', true],
      ['send', false],
    ] as const) {
      (document.getElementById(id) as HTMLElement).focus();
      expect(watcher.state().editableFocused, id).toBe(editable);
    }
  });

  it('looks inside a same-origin frame the focus is in (ServiceNow’s form in gsft_main)', () => {
    document.body.innerHTML = '<iframe name="gsft_main"></iframe>';
    const frame = document.querySelector('iframe')!;
    const form = document.implementation.createHTMLDocument('incident');
    form.body.innerHTML = '<textarea id="work_notes"></textarea><button id="save">Save</button>';
    Object.defineProperty(frame, 'contentDocument', { value: form });
    const watcher = watchTyping(document);
    stop = watcher.stop;
    frame.focus();
    const focusIn = (id: string) =>
      Object.defineProperty(form, 'activeElement', {
        value: form.getElementById(id),
        configurable: true,
      });
    focusIn('work_notes');
    expect(watcher.state().editableFocused).toBe(true);
    focusIn('save');
    expect(watcher.state().editableFocused).toBe(false);
  });

  it('stops at a frame it may not look into', () => {
    document.body.innerHTML = '<iframe></iframe>';
    const frame = document.querySelector('iframe')!;
    Object.defineProperty(frame, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    const watcher = watchTyping(document);
    stop = watcher.stop;
    frame.focus();
    expect(watcher.state().editableFocused).toBe(false);
  });

  it('looks through open shadow roots to the frame (ServiceNow’s Next Experience)', () => {
    document.body.innerHTML = '<sn-polaris-layout></sn-polaris-layout>';
    const host = document.querySelector('sn-polaris-layout')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<iframe name="gsft_main"></iframe>';
    const frame = shadow.querySelector('iframe')!;
    const form = document.implementation.createHTMLDocument('incident');
    form.body.innerHTML = '<textarea id="work_notes"></textarea>';
    Object.defineProperty(frame, 'contentDocument', { value: form });
    Object.defineProperty(form, 'activeElement', { value: form.getElementById('work_notes') });
    const watcher = watchTyping(document);
    stop = watcher.stop;
    frame.focus();
    expect(watcher.state().editableFocused).toBe(true);
  });
});
