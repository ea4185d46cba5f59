import { routeCrm } from '../tests/e2e/crm-pages';
import { launchBenchBrowser, type BenchBrowser } from '../scripts/bench/browsers';
import { defaultPolicyExtension } from '../scripts/bench/extension-state';
import { BUSY_PATH, BUSY_TICKET, busyPageHtml, ORIGIN, zendeskApi } from '../scripts/bench/heavy-page';
import { inMeasuredTab } from '../scripts/bench/page-run';
import { loadBusyPage } from '../scripts/bench/busy-run';

const N = Number(process.env.N ?? 8);
const KEYS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount', 'Frames', 'DocumentCount', 'Nodes'];
async function prep(b: BenchBrowser) {
  await routeCrm(b.context, ORIGIN, { [BUSY_PATH]: busyPageHtml() }, zendeskApi([BUSY_TICKET]));
}
async function once(b: BenchBrowser) {
  return inMeasuredTab(b, async (page, cdp) => {
    await loadBusyPage(page);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const out: Record<string, number> = {};
    for (const k of KEYS) out[k] = metrics.find((m) => m.name === k)?.value ?? NaN;
    return out;
  });
}
async function main() {
  const w = await launchBenchBrowser('with');
  const wo = await launchBenchBrowser('without');
  await prep(w); await prep(wo);
  await defaultPolicyExtension(w.context);
  await once(w); await once(wo);
  const rows: Record<string, number[]> = {};
  for (let i = 0; i < N; i++) {
    const order = i % 2 ? [wo, w] : [w, wo];
    const r: Record<string, Record<string, number>> = {};
    for (const b of order) { r[b.mode] = await once(b); await new Promise((x) => setTimeout(x, 500)); }
    const line = KEYS.map((k) => { const d = (r.with![k]! - r.without![k]!) * (k.endsWith('Duration') ? 1000 : 1); (rows[k] ??= []).push(d); return `${k}=${r.with![k]!.toFixed(3)}/${r.without![k]!.toFixed(3)}`; });
    console.log(`pair ${i}: ${line.join(' ')}`);
  }
  for (const k of KEYS) { const s = [...rows[k]!].sort((a, b) => a - b); console.log(`median diff ${k}: ${s[Math.floor(s.length / 2)]!.toFixed(2)} (all ${s.map((x) => x.toFixed(1)).join(',')})`); }
  await w.close(); await wo.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
