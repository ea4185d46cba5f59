// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountSidebarHost, readSidebarHostLabels, type SidebarHost } from './sidebar-host';

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
    });
  });

  it('puts the labels on the edge tab and the frame', () => {
    const labels = {
      name: 'TP',
      showSidebar: 'Zeigen',
      openSidePanel: 'Öffnen',
      promptNudge: 'Wie leicht?',
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
    const edgeTab = shadow.querySelector('button')!;
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
});
