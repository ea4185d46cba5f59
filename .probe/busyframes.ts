import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
for (const evs of traces) {
  const first = evs.find((e) => e.name === 'FunctionCall' && e.args?.data?.functionName === 'replaceRows');
  const th = evs.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X' && e.ts >= first.ts);
  const f = th.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle' && (e.tdur ?? e.dur) > 1000).map((e) => (e.tdur ?? e.dur) / 1000);
  const ci = th.filter((e) => e.name === 'LocalFrameView::RunCompositingInputsLifecyclePhase').map((e) => (e.tdur ?? e.dur) / 1000).filter((x) => x > 1);
  const tasks = th.filter((e) => e.name === 'ThreadControllerImpl::RunTask').reduce((s, e) => s + (e.tdur ?? e.dur) / 1000, 0);
  console.log(`busy frames ${f.length} median ${med(f).toFixed(1)} ms, sum ${f.reduce((a, b) => a + b, 0).toFixed(0)}; compositing inputs median ${med(ci).toFixed(1)}; tasks after first change ${tasks.toFixed(0)} ms`);
}
