import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const names = ['WebFrameWidgetImpl::UpdateLifecycle','LocalFrameView::RunCompositingInputsLifecyclePhase','Layout','UpdateLayoutTree','Paint','LocalFrameView::RunPaintLifecyclePhase','Document::UpdateStyleAndLayout','v8.callFunction','Commit'];
for (const evs of traces) {
  const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/44'));
  const th = evs.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
  console.log(names.map((n) => { const x = th.filter((e) => e.name === n); return `${n.replace(/.*::/, '')}=${x.length}/${(x.reduce((s, e) => s + (e.tdur ?? e.dur), 0) / 1000).toFixed(0)}`; }).join(' '));
}
