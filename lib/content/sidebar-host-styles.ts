// The sidebar host's style sheet (`mountSidebarHost`). Everything lives in a closed shadow root
// and a fixed overlay: no host CSS reaches in, nothing leaks out, and the CRM's own layout never
// moves (but for a docked sidebar's margin). The background sends it with the hello.
export const SIDEBAR_HOST_STYLES = `
:host { all: initial; }
.panel { position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483646; display: flex;
  box-shadow: -2px 0 8px rgb(0 0 0 / 0.18); background: #fff; }
.panel[hidden] { display: none; }
.resize { width: 6px; cursor: ew-resize; background: transparent; flex: none; }
.resize:hover, .dragging .resize { background: rgb(37 99 235 / 0.35); }
iframe { border: 0; flex: 1; height: 100%; width: 100%; color-scheme: normal; }
.dragging iframe { pointer-events: none; }
.edge-tab { position: fixed; right: 0; top: 40%; z-index: 2147483646; width: 28px; height: auto;
  min-height: 72px; box-sizing: border-box; border: 0; border-radius: 8px 0 0 8px;
  background: #1d4ed8; color: #fff; cursor: pointer; font: 600 12px/1 system-ui, sans-serif;
  writing-mode: vertical-rl; white-space: nowrap; padding: 10px 0; overflow: visible;
  box-shadow: -1px 1px 4px rgb(0 0 0 / 0.25); }
.dock-toggle { position: absolute; left: 8px; bottom: 8px; z-index: 1; border: 1px solid #cbd5e1;
  border-radius: 6px; background: #fff; color: #1e293b; padding: 2px 8px; cursor: pointer;
  font: 500 12px/1.4 system-ui, sans-serif; }
.dock-toggle[hidden] { display: none; }
.dock-toggle:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.panel.docked { box-shadow: none; border-left: 1px solid #cbd5e1; }
.edge-tab[hidden] { display: none; }
.edge-tab:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.nudge { position: fixed; right: 34px; top: calc(40% + 16px); z-index: 2147483646; border: 0;
  border-radius: 8px; background: #1d4ed8; color: #fff; padding: 6px 10px; cursor: pointer;
  font: 500 13px/1.2 system-ui, sans-serif; box-shadow: 0 1px 6px rgb(0 0 0 / 0.3); }
.nudge[hidden] { display: none; }
.nudge:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;
