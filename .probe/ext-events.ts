import { readFileSync } from 'node:fs';
type Ev = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any };
const traces: Ev[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const path = process.env.TP_PATH ?? '/agent/tickets/44';
for (const evs of traces) {
  const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(path));
  if (!parse) continue;
  const th = evs.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let outerEnd = -1; let total = 0; const by = new Map<string, number>(); let n = 0;
  for (const e of th) {
    if (e.ts < outerEnd) continue;
    if (!JSON.stringify(e.args ?? {}).includes('chrome-extension://')) continue;
    outerEnd = e.ts + e.dur!; const d = (e.tdur ?? e.dur!) / 1000; total += d; n++;
    by.set(e.name, (by.get(e.name) ?? 0) + d);
  }
  const frames = th.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').length;
  console.log(`ext ${n} events ${total.toFixed(1)} ms; frames ${frames};`, [...by].map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' '));
}
