import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { routeCrm } from '../tests/e2e/crm-pages';
import { CHROMIUM_FLAGS, chromiumExecutable, serviceWorkerOf } from '../tests/e2e/extension';
import { logCardNames, whenCardShowed } from '../scripts/bench/card-names';
import { sidebarFrame } from '../tests/e2e/crm-pages';
import { BUSY_PATH, BUSY_TICKET, busyPageHtml, ORIGIN, zendeskApi } from '../scripts/bench/heavy-page';
import { loadBusyPage } from '../scripts/bench/busy-run';

const N = Number(process.env.N ?? 8);
const dirs = process.argv.slice(2); // 'without' or extension dir
const KEYS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount'];
type B = { name: string; ctx: import('@playwright/test').BrowserContext; ext?: string };
async function launch(dir: string): Promise<B> {
  const ud = mkdtempSync(path.join(tmpdir(), 'var-'));
  const ext = dir === 'without' ? [] : [`--disable-extensions-except=${path.resolve(dir)}`, `--load-extension=${path.resolve(dir)}`];
  const ctx = await chromium.launchPersistentContext(ud, { executablePath: chromiumExecutable(), headless: true, args: [...ext, ...CHROMIUM_FLAGS] });
  await logCardNames(ctx);
  await routeCrm(ctx, ORIGIN, { [BUSY_PATH]: busyPageHtml() }, zendeskApi([BUSY_TICKET]));
  let extId: string | undefined;
  if (dir !== 'without') { await new Promise((r) => setTimeout(r, 1500)); for (const p of ctx.pages()) if (p.url().startsWith('chrome-extension')) await p.close(); const w = await serviceWorkerOf(ctx); extId = new URL(w.url()).host; await w.evaluate(() => chrome.storage.managed.get(null)); }
  return { name: path.basename(dir), ctx, ext: extId };
}
async function once(b: B) {
  const page = await b.ctx.newPage();
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await loadBusyPage(page);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const out: Record<string, number> = {};
  for (const k of KEYS) out[k] = (metrics.find((m) => m.name === k)?.value ?? NaN) * (k.endsWith('Duration') ? 1000 : 1);
  const rr = await page.evaluate(() => (window as any).recordReadyAt as number);
  out.recordReady = rr - (await page.evaluate(() => performance.timeOrigin));
  if (b.ext) { const f = await sidebarFrame(page, b.ext); out.card = (await whenCardShowed(f, BUSY_TICKET.requester.name, 10000)) - rr; }
  await cdp.detach(); await page.close();
  return out;
}
async function main() {
  const bs: B[] = [];
  for (const d of dirs) bs.push(await launch(d));
  for (const b of bs) await once(b);
  const res = new Map<string, Record<string, number>[]>();
  for (let i = 0; i < N; i++) {
    const order = i % 2 ? [...bs].reverse() : bs;
    for (const b of order) { const r = await once(b); (res.get(b.name) ?? res.set(b.name, []).get(b.name)!).push(r); await new Promise((x) => setTimeout(x, 500)); }
    console.error(`round ${i + 1}`);
  }
  const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
  for (const [name, rs] of res) console.log(name.padEnd(10), [...KEYS, 'recordReady', 'card'].map((k) => `${k}=${med(rs.map((r) => r[k] ?? NaN)).toFixed(1)}`).join(' '));
  const base = res.get('without')!;
  for (const [name, rs] of res) if (name !== 'without') console.log('paired', name, ['TaskDuration', 'ScriptDuration', 'LayoutCount', 'recordReady'].map((k) => `${k}=${med(rs.map((r, i) => r[k]! - base[i]![k]!)).toFixed(1)}`).join(' '));
  for (const b of bs) await b.ctx.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
