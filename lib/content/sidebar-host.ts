import { SIDEBAR_WIDTH, type SidebarLayout } from '../messaging/content-messages';
import type { SidebarAction } from '../messaging/sidebar-actions';

export const HOST_TAG = 'touchpoint-sidebar';
export const DEFAULT_LAYOUT: SidebarLayout = { collapsed: false, width: SIDEBAR_WIDTH.initial };

/** The host's user-facing texts, which the background reads from `browser.i18n`. */
export type SidebarHostLabels = {
  /** Text on the edge tab and the frame's title: the product name. */
  name: string;
  /** The edge tab's accessible name when it expands the sidebar… */
  showSidebar: string;
  /** …and when it opens the browser's side panel instead. */
  openSidePanel: string;
  /** The small card that offers the effort prompt while the sidebar is collapsed. */
  promptNudge: string;
  /** The toggle while the sidebar covers the page: dock it beside the page instead… */
  dockBeside: string;
  /** …and while it is docked: let it float over the page again. */
  floatOver: string;
  /** The toggle where the app's pages cannot be narrowed: the browser's side panel narrows them. */
  moveToSidePanel: string;
};

const ENGLISH_LABELS: SidebarHostLabels = {
  name: 'Touchpoint',
  showSidebar: 'Show Touchpoint sidebar',
  openSidePanel: 'Open Touchpoint in the side panel',
  promptNudge: 'How easy was that?',
  dockBeside: 'Dock beside the page',
  floatOver: 'Float over the page',
  moveToSidePanel: 'Open in the side panel',
};

// Message keys in public/_locales (the content script must not bundle the messages themselves).
const LABEL_MESSAGES = {
  name: 'extensionName',
  showSidebar: 'edgeTabShowSidebar',
  openSidePanel: 'edgeTabOpenSidePanel',
  promptNudge: 'promptNudge',
  dockBeside: 'sidebarDockBeside',
  floatOver: 'sidebarFloatOver',
  moveToSidePanel: 'sidebarMoveToSidePanel',
} as const;
type LabelMessage = (typeof LABEL_MESSAGES)[keyof typeof LABEL_MESSAGES];

/** The labels read with `getMessage` (`browser.i18n.getMessage`); English where it has none. */
export function readSidebarHostLabels(getMessage: (key: LabelMessage) => string) {
  const labels = { ...ENGLISH_LABELS };
  for (const field of Object.keys(LABEL_MESSAGES) as (keyof SidebarHostLabels)[]) {
    labels[field] = getMessage(LABEL_MESSAGES[field]) || ENGLISH_LABELS[field];
  }
  return labels;
}

export type SidebarHostOptions = {
  document: Document;
  layout: SidebarLayout;
  saveLayout: (layout: SidebarLayout) => void;
  /** In the UI language (the background reads them: `readSidebarHostLabels`). */
  labels: SidebarHostLabels;
  /**
   * `SIDEBAR_HOST_STYLES`, sent by the background with the labels: 1.8 KB the content script,
   * loaded into every CRM page, need not carry (issue #15 item 8: at most 8 KB gzipped).
   */
  styles: string;
  /**
   * The adapter lets the sidebar dock (issue #15 item 9): open, it narrows the page instead of
   * covering it, unless the agent chose the overlay (`layout.docked: false`).
   */
  dock?: boolean;
  /**
   * URL of the sidebar page, with the tab token in its fragment, loaded on first expand. Absent
   * where no frame is allowed on the origin: the edge tab opens the browser's side panel.
   */
  frameUrl?: string;
  /**
   * Opens the browser's side panel for this tab; resolves whether it opened. Absent where the
   * browser has none that a click in the page may open. Where the adapter does not dock, the open
   * sidebar offers it instead: the browser narrows any page beside its side panel.
   */
  openPanel?: () => Promise<boolean>;
};

/** Mounts the sidebar overlay: an edge tab when collapsed, the extension's page in an iframe when open. */
export function mountSidebarHost(options: SidebarHostOptions) {
  const { document, labels } = options;
  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = options.styles;
  const panel = document.createElement('div');
  panel.className = 'panel';
  const resize = document.createElement('div');
  resize.className = 'resize';
  resize.setAttribute('aria-hidden', 'true');
  panel.append(resize);
  const edgeTab = document.createElement('button');
  edgeTab.type = 'button';
  edgeTab.className = 'edge-tab';
  edgeTab.textContent = labels.name;
  edgeTab.setAttribute('aria-label', labels.showSidebar);
  // While collapsed, an open effort prompt shows as this small card: a click opens the sidebar.
  const nudge = document.createElement('button');
  nudge.type = 'button';
  nudge.className = 'nudge';
  nudge.hidden = true;
  nudge.textContent = labels.promptNudge;
  const dockToggle = document.createElement('button');
  dockToggle.type = 'button';
  dockToggle.className = 'dock-toggle';
  // Docking narrows the page itself; elsewhere the toggle moves the card to the browser's side panel.
  const movesToSidePanel = !options.dock && options.openPanel !== undefined;
  dockToggle.hidden = !options.dock && !movesToSidePanel;
  panel.append(dockToggle);
  shadow.append(style, panel, edgeTab, nudge);

  let layout = { ...options.layout };
  let frame: HTMLIFrameElement | undefined;

  const { frameUrl, openPanel } = options;

  function ensureFrame() {
    if (frame || !frameUrl) return;
    frame = document.createElement('iframe');
    frame.title = labels.name;
    // The sidebar never takes focus on load; it only gets it when the agent clicks or tabs into it.
    frame.setAttribute('allow', 'clipboard-write');
    frame.src = frameUrl;
    panel.append(frame);
  }

  let nudgeWanted = false;
  let root = document.documentElement;
  let pageMargin = createPageMargin(root);

  function render() {
    const showPanel = frameUrl !== undefined && !layout.collapsed;
    const docked = showPanel && isDocked(options.dock ?? false, layout);
    panel.hidden = !showPanel;
    panel.classList.toggle('docked', docked);
    edgeTab.hidden = showPanel;
    nudge.hidden = showPanel || !nudgeWanted;
    panel.style.width = `${layout.width}px`;
    if (movesToSidePanel) dockToggle.textContent = labels.moveToSidePanel;
    else {
      dockToggle.textContent = docked ? labels.floatOver : labels.dockBeside;
      dockToggle.setAttribute('aria-pressed', String(docked));
    }
    pageMargin.set(docked ? layout.width : 0);
    edgeTab.setAttribute(
      'aria-label',
      opensSidePanel() ? labels.openSidePanel : labels.showSidebar,
    );
    if (!layout.collapsed) ensureFrame();
  }

  /** Whether the edge tab opens the side panel: no frame here, or the agent chose the panel. */
  function opensSidePanel() {
    return openPanel !== undefined && (!frameUrl || layout.sidePanel === true);
  }

  dockToggle.addEventListener('click', () => {
    if (!movesToSidePanel) {
      update({ docked: !isDocked(options.dock ?? false, layout) });
      return;
    }
    // Called within the click: the browser opens its side panel only in answer to a user action.
    void openPanel?.().then((opened) => {
      if (opened) update({ collapsed: true, sidePanel: true });
    });
  });

  function update(next: Partial<SidebarLayout>) {
    layout = { ...layout, ...next };
    render();
    options.saveLayout(layout);
  }

  nudge.addEventListener('click', () => edgeTab.click());
  edgeTab.addEventListener('click', () => {
    if (!opensSidePanel()) {
      update({ collapsed: false });
      return;
    }
    void openPanel?.().then((opened) => {
      // No side panel after all (closed by policy, another browser): the sidebar on the page.
      if (!opened && frameUrl) update({ collapsed: false, sidePanel: false });
    });
  });

  resize.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    resize.setPointerCapture(event.pointerId);
    panel.classList.add('dragging');
    const startX = event.clientX;
    const startWidth = layout.width;
    const onMove = (move: PointerEvent) => {
      const width = Math.round(
        Math.min(
          SIDEBAR_WIDTH.max,
          Math.max(SIDEBAR_WIDTH.min, startWidth + startX - move.clientX),
        ),
      );
      layout = { ...layout, width };
      render();
    };
    const onUp = () => {
      panel.classList.remove('dragging');
      resize.removeEventListener('pointermove', onMove);
      resize.removeEventListener('pointerup', onUp);
      options.saveLayout(layout);
    };
    resize.addEventListener('pointermove', onMove);
    resize.addEventListener('pointerup', onUp);
  });

  render();
  // documentElement, not body: SPAs that re-render <body> would remove it, and it takes no space.
  root.append(host);
  // A page that rebuilds its root's children, or the root itself (document.open, a framework
  // that swaps <html>), takes the host with it: the sidebar comes back at once, not next load.
  const keepAttached = new MutationObserver(() => {
    if (host.isConnected) return;
    if (document.documentElement !== root) {
      root = document.documentElement;
      pageMargin = createPageMargin(root);
      keepAttached.observe(root, { childList: true });
      render();
    }
    root.append(host);
  });
  keepAttached.observe(document, { childList: true });
  keepAttached.observe(root, { childList: true });

  return {
    command(action: SidebarAction) {
      const collapsed = action === 'toggle' ? !layout.collapsed : action === 'collapse';
      // The shortcut brings the sidebar back onto the page, over a choice of the side panel.
      update(collapsed || !layout.sidePanel ? { collapsed } : { collapsed, sidePanel: false });
      return { collapsed };
    },
    /** Shows or hides the prompt card; it only appears while the sidebar is collapsed. */
    nudge(show: boolean) {
      nudgeWanted = show;
      render();
    },
    layout: () => ({ ...layout }),
    remove: () => {
      keepAttached.disconnect();
      pageMargin.set(0);
      host.remove();
    },
  };
}
export type SidebarHost = ReturnType<typeof mountSidebarHost>;

/** Whether an open sidebar docks: where the adapter allows it and the agent has not said no. */
export function isDocked(adapterAllows: boolean, layout: SidebarLayout): boolean {
  return adapterAllows && layout.docked !== false;
}

/**
 * The one change a docked sidebar makes to the host page: a right margin on its root element as
 * wide as the sidebar (the page's own value is put back when it undocks). Pages laid out to the
 * window's width then narrow beside the sidebar; adapters declare `dock` only for such apps.
 */
function createPageMargin(root: HTMLElement) {
  const before = {
    value: root.style.getPropertyValue('margin-right'),
    priority: root.style.getPropertyPriority('margin-right'),
  };
  let current = 0;
  return {
    set(px: number) {
      if (px === current) return;
      current = px;
      if (px > 0) root.style.setProperty('margin-right', `${px}px`, 'important');
      else if (before.value) root.style.setProperty('margin-right', before.value, before.priority);
      else root.style.removeProperty('margin-right');
    },
  };
}
