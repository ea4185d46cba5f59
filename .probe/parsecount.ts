import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const evs of traces) {
  const parses = evs.filter((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/44'));
  const dcl = evs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded' && parses.some((p) => p.pid === e.pid && p.tid === e.tid)).sort((a, b) => b.ts - a.ts)[0];
  const p = parses.filter((q) => q.pid === dcl.pid && q.tid === dcl.tid && q.args?.beginData?.startLine === 0 && q.ts < dcl.ts).sort((a, b) => b.ts - a.ts)[0];
  const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X' && e.ts >= p.ts && e.ts <= dcl.ts);
  const frames = th.filter((e) => e.name === 'Layout' && e.args?.beginData?.totalObjects > 100);
  const chunks = th.filter((e) => e.name === 'ParseHTML').map((e) => e.args?.beginData?.startLine);
  console.log(`parse ${((dcl.ts - p.ts) / 1000).toFixed(0)} ms, layouts ${frames.length} (${(frames.reduce((s, e) => s + (e.tdur ?? e.dur), 0) / 1000).toFixed(0)} ms), chunks ${chunks.join(',')}`);
}
