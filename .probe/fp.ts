import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const evs of traces) {
  const p = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(process.env.TP_PATH ?? '/agent/tickets/45'));
  const th = evs.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === 'X');
  const fp = th.filter((e) => e.name === 'Document::FinishedParsing').map((e) => ((e.tdur ?? e.dur) / 1000).toFixed(1));
  const lc = th.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').map((e) => `${((e.ts - p.ts) / 1000).toFixed(0)}:${((e.tdur ?? e.dur) / 1000).toFixed(1)}`);
  console.log('FinishedParsing', fp.join(','), '| frames', lc.join(' '));
}
