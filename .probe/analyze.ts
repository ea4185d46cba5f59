import { readFileSync } from 'node:fs';
type Ev = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any };
const file = process.argv[2]!;
const traces: Ev[][] = JSON.parse(readFileSync(file, 'utf8'));
const sums = new Map<string, number>(); const taskTotals: number[] = []; const counts = new Map<string, number>();
const TOP = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
for (const evs of traces) {
  const names = evs.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes((process.env.TP_PATH ?? '/agent/tickets/45')));
  if (!parse) { console.error('no parse'); continue; }
  const pid = parse.pid, tid = parse.tid;
  const th = evs.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= parse.ts - 100000).sort((a, b) => a.ts - b.ts || (b.dur! - a.dur!));
  const tops = th.filter((e) => TOP.has(e.name));
  let total = 0;
  for (const t of tops) {
    total += (t.tdur ?? t.dur!) / 1000;
    const end = t.ts + t.dur!;
    // direct children: events inside t not inside another child
    const kids = th.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= end && !TOP.has(e.name));
    const direct: Ev[] = []; let lastEnd = -1;
    for (const k of kids) { if (k.ts >= lastEnd) { direct.push(k); lastEnd = k.ts + k.dur!; } }
    let covered = 0;
    for (const k of direct) { const key = k.name + (k.name === 'FunctionCall' || k.name === 'EvaluateScript' || k.name==='v8.run' ? ' ' + (k.args?.data?.url ?? k.args?.data?.functionName ?? '').slice(0, 60) : ''); sums.set(key, (sums.get(key) ?? 0) + (k.tdur ?? k.dur!) / 1000); counts.set(key, (counts.get(key) ?? 0) + 1); covered += (k.tdur ?? k.dur!) / 1000; }
    const rest = (t.tdur ?? t.dur!) / 1000 - covered;
    sums.set('(task self)', (sums.get('(task self)') ?? 0) + rest);
  }
  taskTotals.push(total);
}
const n = taskTotals.length;
console.log('task totals', taskTotals.map((x) => x.toFixed(1)).join(' '));
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOPN ?? 40))) console.log((v / n).toFixed(2).padStart(8), ((counts.get(k) ?? 0) / n).toFixed(1).padStart(6), k);
