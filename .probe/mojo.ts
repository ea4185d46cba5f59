import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const m = new Map<string, [number, number]>();
for (const evs of traces) {
  const p = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/45'));
  const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X' && e.ts >= p.ts - 20000).sort((a, b) => a.ts - b.ts);
  for (const e of th) {
    if (e.name !== 'Receive mojo message') continue;
    const kids = th.filter((k) => k.ts >= e.ts && k.ts + k.dur <= e.ts + e.dur && k !== e && k.name !== 'Receive mojo message');
    const k = JSON.stringify(e.args).slice(0, 90) + ' > ' + (kids[0]?.name ?? '');
    const v = m.get(k) ?? [0, 0]; v[0]++; v[1] += (e.tdur ?? e.dur) / 1000; m.set(k, v);
  }
}
for (const [k, v] of [...m].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25)) console.log((v[0] / traces.length).toFixed(1).padStart(5), (v[1] / traces.length).toFixed(2).padStart(6), k);
