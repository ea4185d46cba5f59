import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, chromiumExecutable } from '../tests/e2e/extension';
import { CdpBrowser, type TargetInfo } from '../scripts/bench/cdp-browser';
import { serveCrm } from '../scripts/bench/crm-server';
import { ORIGIN, BUSY_PATH, BUSY_TICKET, busyPageHtml, zendeskApi } from '../scripts/bench/heavy-page';

const build = process.argv[2]!;
const out = process.argv[3]!;
const loads = Number(process.env.LOADS ?? 3);

type Ev = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any };

async function main() {
  const crm = await serveCrm(ORIGIN, { [BUSY_PATH]: busyPageHtml() }, zendeskApi([BUSY_TICKET]));
  const dir = mkdtempSync(path.join(tmpdir(), 'trace-'));
  const ext = build === 'without' ? ['--disable-extensions'] : [`--disable-extensions-except=${path.resolve(build)}`, `--load-extension=${path.resolve(build)}`];
  const browser = CdpBrowser.launch(chromiumExecutable()!, [`--user-data-dir=${dir}`, '--headless', ...ext, ...CHROMIUM_FLAGS, ...crm.chromiumArgs, 'about:blank']);
  await browser.send('Target.setDiscoverTargets', { discover: true });
  await new Promise((r) => setTimeout(r, 3000));
  const { targetInfos } = await browser.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
  for (const t of targetInfos) if (t.type === 'page' && t.url.startsWith('chrome-extension://')) await browser.send('Target.closeTarget', { targetId: t.targetId });
  const all: Ev[][] = [];
  for (let i = 0; i < loads + 1; i++) {
    const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const events: Ev[] = [];
    const onData = (p: { value: Ev[] }) => events.push(...p.value);
    browser.on('Tracing.dataCollected', onData);
    const done = new Promise((r) => browser.once('Tracing.tracingComplete', r));
    if (i > 0) await browser.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'toplevel', 'blink', 'loading', 'disabled-by-default-v8.compile', 'extensions', 'renderer.scheduler', 'ipc', 'mojom'] }, transferMode: 'ReportEvents' });
    await browser.send('Page.navigate', { url: `${ORIGIN}${BUSY_PATH}` }, sessionId);
    await new Promise((r) => setTimeout(r, 200));
    await browser.evaluate(sessionId, `new Promise((resolve) => { const go = () => { if (location.pathname === ${JSON.stringify(BUSY_PATH)} && window.busyDoneAt) { setTimeout(resolve, Math.max(0, window.busyDoneAt - performance.timeOrigin + 500 - performance.now())); } else setTimeout(go, 50); }; go(); })`);
    if (i > 0) { await browser.send('Tracing.end'); await done; all.push(events); }
    browser.off('Tracing.dataCollected', onData);
    await browser.send('Target.detachFromTarget', { sessionId });
    await browser.send('Target.closeTarget', { targetId });
    await new Promise((r) => setTimeout(r, 500));
  }
  writeFileSync(out, JSON.stringify(all));
  await browser.close();
  await crm.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
