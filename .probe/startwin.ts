import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const evs of traces) {
  const first = evs.find((e) => e.name === 'FunctionCall' && e.args?.data?.functionName === 'replaceRows');
  const parses = evs.filter((e) => e.pid === first.pid && e.tid === first.tid && e.name === 'ParseHTML' && e.args?.beginData?.startLine === 0 && e.ts < first.ts).sort((a, b) => b.ts - a.ts);
  const p = parses[0];
  const th = evs.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X' && e.ts >= p.ts - 5000 && e.ts < first.ts && e.name === 'ThreadControllerImpl::RunTask');
  const sum = th.reduce((s, e) => s + (e.tdur ?? e.dur) / 1000, 0);
  console.log(`start window ${((first.ts - p.ts) / 1000).toFixed(0)} ms wall, tasks ${sum.toFixed(0)} ms`);
}
