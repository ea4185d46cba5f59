// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  HOST_TAG,
  mountSidebarHost,
  readSidebarHostLabels,
  startSidebarHost,
  type SidebarHost,
} from './sidebar-host';

let host: SidebarHost | undefined;
afterEach(() => host?.remove());

describe('sidebar host labels', () => {
  it('reads each label from the browser and keeps English where a message is missing', () => {
    const german: Record<string, string> = {
      edgeTabShowSidebar: 'Touchpoint-Seitenleiste anzeigen',
    };
    expect(readSidebarHostLabels((key) => german[key] ?? '')).toEqual({
      name: 'Touchpoint',
      showSidebar: 'Touchpoint-Seitenleiste anzeigen',
      openSidePanel: 'Open Touchpoint in the side panel',
      promptNudge: 'How easy was that?',
      dockBeside: 'Dock beside the page',
      floatOver: 'Float over the page',
    });
  });

  it('puts the labels on the edge tab and the frame', () => {
    const labels = {
      name: 'TP',
      showSidebar: 'Zeigen',
      openSidePanel: 'Öffnen',
      promptNudge: 'Wie leicht?',
      dockBeside: 'Andocken',
      floatOver: 'Einblenden',
    };
    const shadows: ShadowRoot[] = [];
    const attach = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      shadows.push(root);
      return root;
    };
    try {
      host = mountSidebarHost({
        document,
        layout: { collapsed: true, width: 360 },
        saveLayout: () => undefined,
        frameUrl: 'about:blank',
        labels,
      });
    } finally {
      HTMLElement.prototype.attachShadow = attach;
    }
    const shadow = shadows[0]!;
    const edgeTab = shadow.querySelector('.edge-tab')!;
    expect(edgeTab.textContent).toBe('TP');
    expect(edgeTab.getAttribute('aria-label')).toBe('Zeigen');
    host.command('expand');
    expect(shadow.querySelector('iframe')?.title).toBe('TP');
  });

  it('offers an open effort prompt as a small card only while the sidebar is collapsed', () => {
    let shadow: ShadowRoot | undefined;
    const attach = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (init) {
      shadow = attach.call(this, init);
      return shadow;
    };
    try {
      host = mountSidebarHost({
        document,
        layout: { collapsed: true, width: 360 },
        saveLayout: () => undefined,
        frameUrl: 'about:blank',
      });
    } finally {
      HTMLElement.prototype.attachShadow = attach;
    }
    const card = shadow!.querySelector<HTMLButtonElement>('.nudge')!;
    expect(card.hidden).toBe(true);
    host.nudge(true);
    expect(card.hidden).toBe(false);
    expect(card.textContent).toBe('How easy was that?');
    card.click();
    expect(host.layout().collapsed).toBe(false);
    expect(card.hidden).toBe(true);
    host.nudge(false);
    host.command('collapse');
    expect(card.hidden).toBe(true);
  });

  it('docks where the adapter allows: the page narrows by the sidebar width, back when collapsed', () => {
    let shadow: ShadowRoot | undefined;
    const attach = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (init) {
      shadow = attach.call(this, init);
      return shadow;
    };
    const saved: unknown[] = [];
    document.documentElement.style.marginRight = '3px';
    try {
      host = mountSidebarHost({
        document,
        layout: { collapsed: false, width: 360 },
        saveLayout: (layout) => saved.push(layout),
        frameUrl: 'about:blank',
        dock: true,
      });
    } finally {
      HTMLElement.prototype.attachShadow = attach;
    }
    const root = document.documentElement.style;
    expect(root.getPropertyValue('margin-right')).toBe('360px');
    host.command('collapse');
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    host.command('expand');
    const toggle = shadow!.querySelector<HTMLButtonElement>('.dock-toggle')!;
    expect(toggle.hidden).toBe(false);
    expect(toggle.textContent).toBe('Float over the page');
    toggle.click(); // the agent prefers the overlay: remembered with the layout
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    expect(toggle.textContent).toBe('Dock beside the page');
    expect(saved.at(-1)).toEqual({ collapsed: false, width: 360, docked: false });
    host.remove();
    host = undefined;
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    root.removeProperty('margin-right');
  });

  it('never touches the page where the adapter does not allow docking', () => {
    host = mountSidebarHost({
      document,
      layout: { collapsed: false, width: 360, docked: true },
      saveLayout: () => undefined,
      frameUrl: 'about:blank',
    });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });
});

describe('sidebar host started before the background answers', () => {
  /** Starts a host and hands back its closed shadow root, as the page cannot see it. */
  function start(frameUrl?: string) {
    let shadow: ShadowRoot | undefined;
    const attach = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (init) {
      shadow = attach.call(this, init);
      return shadow;
    };
    try {
      const pending = startSidebarHost({ document, frameUrl });
      return { pending, shadow: shadow! };
    } finally {
      HTMLElement.prototype.attachShadow = attach;
    }
  }
  const element = () => document.querySelector<HTMLElement>(HOST_TAG);
  const settings = { saveLayout: () => undefined, dock: false };

  it('loads the frame at once, hidden until the settings come, then shows it', () => {
    const { pending, shadow } = start('about:blank#token=1');
    expect(shadow.querySelector('iframe')?.getAttribute('src')).toBe('about:blank#token=1');
    expect(element()?.style.getPropertyValue('display')).toBe('none');
    expect(element()?.style.getPropertyPriority('display')).toBe('important');
    host = pending.reveal({ ...settings, layout: { collapsed: false, width: 360 } });
    expect(element()?.style.getPropertyValue('display')).toBe('');
    expect(shadow.querySelector<HTMLElement>('.panel')?.hidden).toBe(false);
    expect(shadow.querySelectorAll('iframe')).toHaveLength(1); // the same frame, not a second
  });

  it('drops the early frame for an agent who keeps the sidebar collapsed, and loads it on expand', () => {
    const { pending, shadow } = start('about:blank#token=2');
    host = pending.reveal({ ...settings, layout: { collapsed: true, width: 360 } });
    expect(shadow.querySelector('iframe')).toBeNull();
    expect(shadow.querySelector<HTMLElement>('.edge-tab')?.hidden).toBe(false);
    host.command('expand');
    expect(shadow.querySelector('iframe')?.getAttribute('src')).toBe('about:blank#token=2');
  });

  it('shows no frame on a side-panel page: the edge tab opens the panel', () => {
    const opened: string[] = [];
    const { pending, shadow } = start();
    host = pending.reveal({
      ...settings,
      layout: { collapsed: false, width: 360 },
      openPanel: () => opened.push('panel'),
    });
    expect(shadow.querySelector('iframe')).toBeNull();
    shadow.querySelector<HTMLButtonElement>('.edge-tab')!.click();
    expect(opened).toEqual(['panel']);
  });

  it('leaves nothing on a page no adapter applies to', () => {
    const { pending } = start('about:blank#token=3');
    pending.remove();
    expect(element()).toBeNull();
  });
});
