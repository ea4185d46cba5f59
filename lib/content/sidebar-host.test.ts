// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mountSidebarHost,
  readSidebarHostLabels,
  type SidebarHost,
  type SidebarHostOptions,
} from './sidebar-host';
import { SIDEBAR_HOST_STYLES } from './sidebar-host-styles';

let mounted: SidebarHost | undefined;
afterEach(() => mounted?.remove());

/**
 * Mounts the host (open, 360 px, English, a frame), with `options` over those defaults; returns
 * it with the closed shadow root it attaches, which the page itself cannot reach.
 */
function mount(options: Partial<SidebarHostOptions> = {}) {
  let shadow: ShadowRoot | undefined;
  const attach = HTMLElement.prototype.attachShadow;
  HTMLElement.prototype.attachShadow = function (init) {
    shadow = attach.call(this, init);
    return shadow;
  };
  try {
    mounted = mountSidebarHost({
      document,
      layout: { collapsed: false, width: 360 },
      saveLayout: () => undefined,
      frameUrl: 'about:blank',
      styles: SIDEBAR_HOST_STYLES,
      labels: readSidebarHostLabels(() => ''),
      ...options,
    });
  } finally {
    HTMLElement.prototype.attachShadow = attach;
  }
  return { host: mounted, shadow: shadow! };
}

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
      moveToSidePanel: 'Open in the side panel',
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
      moveToSidePanel: 'Im Seitenbereich',
    };
    const { host, shadow } = mount({ layout: { collapsed: true, width: 360 }, labels });
    const edgeTab = shadow.querySelector('.edge-tab')!;
    expect(edgeTab.textContent).toBe('TP');
    expect(edgeTab.getAttribute('aria-label')).toBe('Zeigen');
    host.command('expand');
    expect(shadow.querySelector('iframe')?.title).toBe('TP');
  });

  it('offers an open effort prompt as a small card only while the sidebar is collapsed', () => {
    const { host, shadow } = mount({ layout: { collapsed: true, width: 360 } });
    const card = shadow.querySelector<HTMLButtonElement>('.nudge')!;
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
    const saved: unknown[] = [];
    document.documentElement.style.marginRight = '3px';
    const { host, shadow } = mount({ saveLayout: (layout) => saved.push(layout), dock: true });
    const root = document.documentElement.style;
    expect(root.getPropertyValue('margin-right')).toBe('360px');
    host.command('collapse');
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    host.command('expand');
    const toggle = shadow.querySelector<HTMLButtonElement>('.dock-toggle')!;
    expect(toggle.hidden).toBe(false);
    expect(toggle.textContent).toBe('Float over the page');
    toggle.click(); // the agent prefers the overlay: remembered with the layout
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    expect(toggle.textContent).toBe('Dock beside the page');
    expect(saved.at(-1)).toEqual({ collapsed: false, width: 360, docked: false });
    host.remove();
    mounted = undefined;
    expect(root.getPropertyValue('margin-right')).toBe('3px');
    root.removeProperty('margin-right');
  });

  it('comes back when the page removes it, or replaces its root element, and still docks there', async () => {
    const { host } = mount({ dock: true });
    const element = () => document.querySelector('touchpoint-sidebar');
    element()!.remove();
    await vi.waitFor(() => expect(element()?.isConnected).toBe(true));

    const newRoot = document.createElement('html');
    newRoot.append(document.createElement('body'));
    document.documentElement.remove();
    document.append(newRoot);
    await vi.waitFor(() => expect(element()?.parentElement).toBe(newRoot));
    expect(newRoot.style.getPropertyValue('margin-right')).toBe('360px');

    host.remove();
    expect(element()).toBeNull();
  });

  it('never touches the page where the adapter does not allow docking', () => {
    mount({ layout: { collapsed: false, width: 360, docked: true } });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });

  it('where the page cannot be narrowed, moves the card to the browser side panel, and the edge tab opens it there', async () => {
    const saved: unknown[] = [];
    const openPanel = vi.fn(async () => true);
    const { host, shadow } = mount({ saveLayout: (layout) => saved.push(layout), openPanel });
    const toggle = shadow.querySelector<HTMLButtonElement>('.dock-toggle')!;
    const edgeTab = shadow.querySelector<HTMLButtonElement>('.edge-tab')!;
    expect(toggle.hidden).toBe(false);
    expect(toggle.textContent).toBe('Open in the side panel');
    expect(toggle.hasAttribute('aria-pressed')).toBe(false);

    toggle.click();
    expect(openPanel).toHaveBeenCalledTimes(1); // within the click: the browser wants a gesture
    await vi.waitFor(() => expect(host.layout().collapsed).toBe(true));
    expect(saved.at(-1)).toEqual({ collapsed: true, width: 360, sidePanel: true });
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(edgeTab.hidden).toBe(false);
    expect(edgeTab.getAttribute('aria-label')).toBe('Open Touchpoint in the side panel');

    // Later, the edge tab opens the side panel again rather than the sidebar on the page…
    edgeTab.click();
    expect(openPanel).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    expect(host.layout().collapsed).toBe(true);
    // …and the shortcut brings the sidebar back onto the page, the side panel no longer chosen.
    host.command('toggle');
    expect(host.layout()).toEqual({ collapsed: false, width: 360, sidePanel: false });
    expect(edgeTab.getAttribute('aria-label')).toBe('Show Touchpoint sidebar');
  });

  it('keeps the sidebar on the page when the side panel does not open', async () => {
    const openPanel = vi.fn(async () => false);
    const { host, shadow } = mount({
      layout: { collapsed: true, width: 360, sidePanel: true },
      openPanel,
    });
    shadow.querySelector<HTMLButtonElement>('.edge-tab')!.click();
    await vi.waitFor(() => expect(host.layout().collapsed).toBe(false));
    expect(host.layout().sidePanel).toBe(false);
    shadow.querySelector<HTMLButtonElement>('.dock-toggle')!.click();
    await Promise.resolve();
    expect(host.layout().collapsed).toBe(false);
  });

  it('offers no side panel where the browser has none a page may open', () => {
    const { shadow } = mount();
    expect(shadow.querySelector<HTMLButtonElement>('.dock-toggle')!.hidden).toBe(true);
  });
});
