import { routeCrm } from '../tests/e2e/crm-pages';
import { launchBenchBrowser, type BenchBrowser } from '../scripts/bench/browsers';
import { defaultPolicyExtension } from '../scripts/bench/extension-state';
import { BUSY_PATH, BUSY_TICKET, busyPageHtml, ORIGIN, zendeskApi } from '../scripts/bench/heavy-page';
import { loadBusyPage } from '../scripts/bench/busy-run';
import { mainThreadSeconds } from '../scripts/bench/page-run';

const N = Number(process.env.N ?? 8);
async function main() {
  const w = await launchBenchBrowser('with');
  const wo = await launchBenchBrowser('without');
  for (const b of [w, wo]) await routeCrm(b.context, ORIGIN, { [BUSY_PATH]: busyPageHtml() }, zendeskApi([BUSY_TICKET]));
  await defaultPolicyExtension(w.context);
  const tabs = new Map<BenchBrowser, { page: import('@playwright/test').Page; cdp: import('@playwright/test').CDPSession }>();
  for (const b of [w, wo]) { const page = await b.context.newPage(); const cdp = await b.context.newCDPSession(page); await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }); tabs.set(b, { page, cdp }); }
  const res: Record<string, { task: number; script: number; pid?: number }[]> = { with: [], without: [] };
  for (let i = 0; i < N + 1; i++) {
    for (const b of i % 2 ? [wo, w] : [w, wo]) {
      const { page, cdp } = tabs.get(b)!;
      await page.goto('about:blank');
      await new Promise((r) => setTimeout(r, 300));
      const before = await mainThreadSeconds(cdp);
      await loadBusyPage(page);
      const after = await mainThreadSeconds(cdp);
      if (i > 0) res[b.mode]!.push({ task: (after.task - before.task) * 1000, script: (after.script - before.script) * 1000 });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  for (const m of ['with', 'without']) console.log(m, 'task', res[m]!.map((r) => r.task.toFixed(0)).join(' '), '| script', res[m]!.map((r) => r.script.toFixed(1)).join(' '));
  const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2; };
  console.log('paired task', res.with!.map((r, i) => (r.task - res.without![i]!.task).toFixed(0)).join(' '), 'median', med(res.with!.map((r, i) => r.task - res.without![i]!.task)).toFixed(1));
  console.log('paired script', med(res.with!.map((r, i) => r.script - res.without![i]!.script)).toFixed(1));
  await w.close(); await wo.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
