import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const evs of traces.slice(0, 4)) {
  const p = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(process.env.TP_PATH ?? '/agent/tickets/45'));
  const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of th) {
    if (e.name !== 'Document::UpdateStyleAndLayout' || (e.tdur ?? e.dur) < 200) continue;
    const anc = th.filter((a) => a !== e && a.ts <= e.ts && a.ts + a.dur >= e.ts + e.dur).map((a) => a.name + (a.args?.data?.url ? '(' + String(a.args.data.url).slice(-30) + ')' : a.args?.data?.functionName ? '(' + a.args.data.functionName + ')' : a.args?.data?.type ? '(' + a.args.data.type + ')' : ''));
    const kids = th.filter((k) => k !== e && k.ts >= e.ts && k.ts + k.dur <= e.ts + e.dur && (k.tdur ?? k.dur) > 100).map((k) => k.name + ':' + ((k.tdur ?? k.dur) / 1000).toFixed(1));
    console.log(`${((e.ts - p.ts) / 1000).toFixed(1)} ${((e.tdur ?? e.dur) / 1000).toFixed(2)} ms :: ${anc.join(' > ')} || ${kids.slice(0, 6).join(', ')}`);
  }
  console.log('--');
}
