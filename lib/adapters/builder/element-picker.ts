// Element picking for the adapter builder (issue #16). The page is a guest's host: the picker
// lays a transparent layer over it in a shadow root, finds the element under the pointer with
// `elementsFromPoint`, and removes itself when the admin clicks or presses Esc. The page never
// receives the pointer events, and nothing of the picker stays in its DOM or its listeners.

export type PickOptions = {
  /** Shown at the top of the page: which field the click is for. */
  prompt: string;
  /** Elements under a point, topmost first (the document's own, replaceable in tests). */
  hitTest?: (x: number, y: number) => Element[];
};

export type PickHandle = {
  /** The clicked element, or null when cancelled (Esc, or `cancel()`). */
  result: Promise<Element | null>;
  cancel: () => void;
};

/** The picker's host element, for checks that nothing was left behind. */
export const PICKER_HOST_TAG = 'touchpoint-adapter-picker';

const STYLE = `
:host { all: initial; }
.layer { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; background: transparent; }
.box { position: fixed; pointer-events: none; outline: 2px solid #2563eb; background: rgb(37 99 235 / 0.12);
  border-radius: 2px; display: none; }
.prompt { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); pointer-events: none;
  font: 600 13px/1.4 system-ui, sans-serif; color: #fff; background: #1e3a8a; padding: 6px 12px;
  border-radius: 6px; box-shadow: 0 2px 8px rgb(0 0 0 / 0.3); }
`;

/** Starts picking on `doc`; the overlay is gone once the result settles. */
export function pickElement(doc: Document, options: PickOptions): PickHandle {
  const host = doc.createElement(PICKER_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const part = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') => {
    const element = doc.createElement(tag);
    element.className = className;
    element.textContent = text;
    return shadow.appendChild(element);
  };
  part('style', '', STYLE);
  const layer = part('div', 'layer');
  const box = part('div', 'box');
  part('div', 'prompt', options.prompt);
  const hitTest = options.hitTest ?? ((x: number, y: number) => doc.elementsFromPoint(x, y));
  const view = doc.defaultView!;

  const elementAt = (x: number, y: number) =>
    hitTest(x, y).find((element) => element !== host && !host.contains(element)) ?? null;

  let settle: (element: Element | null) => void = () => undefined;
  const result = new Promise<Element | null>((resolve) => {
    settle = (element) => {
      host.remove();
      view.removeEventListener('keydown', onKey, true);
      resolve(element);
    };
  });

  function onMove(event: MouseEvent) {
    const element = elementAt(event.clientX, event.clientY);
    if (!element) {
      box.style.display = 'none';
      return;
    }
    const rect = element.getBoundingClientRect();
    Object.assign(box.style, {
      display: 'block',
      left: `${rect.left}px`,
      top: `${rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
    });
  }
  function onClick(event: MouseEvent) {
    event.preventDefault();
    event.stopPropagation();
    const element = elementAt(event.clientX, event.clientY);
    if (element) settle(element);
  }
  function onKey(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    settle(null);
  }

  layer.addEventListener('mousemove', onMove);
  layer.addEventListener('click', onClick);
  view.addEventListener('keydown', onKey, true);
  doc.documentElement.append(host);
  return { result, cancel: () => settle(null) };
}
