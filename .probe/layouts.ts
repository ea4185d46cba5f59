import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const evs = traces[Number(process.argv[3] ?? 0)]!;
const parses = evs.filter((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/44')).sort((a, b) => a.ts - b.ts);
const p = parses[0];
const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X' && e.ts >= p.ts).sort((a, b) => a.ts - b.ts);
const firstTimer = th.find((e) => e.name === 'FunctionCall' && String(e.args?.data?.functionName ?? '') === 'replaceRows');
const end = firstTimer ? firstTimer.ts : Infinity;
let n = 0;
for (const e of th) {
  if (e.ts > end + 50000) break;
  if (e.name === 'Layout' || e.name === 'WebFrameWidgetImpl::UpdateLifecycle' || (e.name === 'ParseHTML') || e.name === 'EvaluateScript' || e.name==='FunctionCall' || e.name === 'Document::UpdateStyleAndLayout' || e.name === 'EventDispatch') {
    const d = e.args?.beginData ?? e.args?.data ?? {};
    const extra = e.name === 'Layout' ? `dirty ${d.dirtyObjects}/${d.totalObjects} ${d.stackTrace ? 'FORCED ' + JSON.stringify(d.stackTrace[0]).slice(0, 100) : ''}` : e.name === 'ParseHTML' ? `lines ${d.startLine}` : e.name === 'EventDispatch' ? d.type : String(d.url ?? d.functionName ?? '').slice(-40);
    console.log(`${((e.ts - p.ts) / 1000).toFixed(1).padStart(7)} ${((e.tdur ?? e.dur) / 1000).toFixed(1).padStart(6)} ${e.name.replace(/.*::/, '')} ${extra}`);
  }
}
console.log('first replaceRows at', firstTimer ? ((firstTimer.ts - p.ts) / 1000).toFixed(0) : 'none');
