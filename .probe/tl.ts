import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const evs = traces[Number(process.argv[3] ?? 0)]!;
const ps = evs.filter((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/45')).sort((a, b) => a.ts - b.ts);
const p = ps[0];
const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X' && e.ts >= p.ts - 2000).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const tops = th.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
for (const t of tops) {
  const d = (t.tdur ?? t.dur) / 1000; if (d < 0.15) continue;
  const kids = th.filter((k) => k.ts >= t.ts && k.ts + k.dur <= t.ts + t.dur && k !== t && !['RunTask', 'ThreadControllerImpl::RunTask'].includes(k.name) && (k.tdur ?? k.dur) >= 100);
  const names = kids.slice(0, 7).map((k) => k.name.replace(/^.*::/, '') + (k.args?.data?.url ? '[' + String(k.args.data.url).slice(-25) + ']' : k.args?.data?.type ? '[' + k.args.data.type + ']' : k.args?.data?.functionName ? '[' + k.args.data.functionName + ']' : '') + ':' + ((k.tdur ?? k.dur) / 1000).toFixed(1));
  console.log(`${((t.ts - p.ts) / 1000).toFixed(1).padStart(6)} ${d.toFixed(2).padStart(6)}  ${names.join(' ')}`);
}
