import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const evs = traces[0]!;
const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/44'));
const th = evs.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
const m = new Map<string, [number, number]>();
for (const e of th) { if (e.ph !== 'X') continue; const k = e.name + ' ' + String(e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.data?.functionName ?? '').slice(0, 70); const v = m.get(k) ?? [0, 0]; v[0]++; v[1] += (e.tdur ?? e.dur) / 1000; m.set(k, v); }
for (const [k, v] of [...m].sort((a, b) => b[1][1] - a[1][1]).slice(0, 45)) console.log(v[0], v[1].toFixed(1), k);
