import { readFileSync } from 'node:fs';
type Ev = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any };
const traces: Ev[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const TOP = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const path = process.env.TP_PATH ?? '/agent/tickets/44';
for (const evs of traces) {
  const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(path));
  if (!parse) { console.error('no parse'); continue; }
  const th = evs.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tops = th.filter((e) => TOP.has(e.name));
  let i = 0; let ext = 0; let extTasks = 0; const kinds = new Map<string, number>();
  for (const t of tops) {
    const end = t.ts + t.dur!;
    while (i < th.length && th[i]!.ts < t.ts) i++;
    let j = i; let isExt = false; const names: string[] = [];
    while (j < th.length && th[j]!.ts < end) { const e = th[j]!; const s = JSON.stringify(e.args ?? {}); if (s.includes('chrome-extension://')) { isExt = true; } if (!TOP.has(e.name) && names.length < 3) names.push(e.name); j++; }
    if (isExt) { const d = (t.tdur ?? t.dur!) / 1000; ext += d; extTasks++; const k = names.join('>'); kinds.set(k, (kinds.get(k) ?? 0) + d); }
  }
  console.log(`load: ext tasks ${extTasks}, ${ext.toFixed(1)} ms`, [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' | '));
}
