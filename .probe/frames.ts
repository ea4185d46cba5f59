import { readFileSync } from 'node:fs';
const traces: any[][] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const evs = traces[Number(process.argv[3] ?? 0)]!;
const parse = evs.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes('/agent/tickets/44'));
const th = evs.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
const t0 = parse.ts;
let prev = -Infinity; let pageTimer = 0; let other: string[] = [];
for (const e of th) {
  if (e.name === 'WebFrameWidgetImpl::UpdateLifecycle') {
    const tag = pageTimer ? `page x${pageTimer}` : 'NO PAGE CHANGE';
    if (!pageTimer || process.env.ALL) console.log(`${((e.ts - t0) / 1000).toFixed(0).padStart(6)} ms dur ${((e.tdur ?? e.dur) / 1000).toFixed(1).padStart(5)} ${tag} :: ${[...new Set(other)].slice(0, 8).join(', ')}`);
    pageTimer = 0; other = [];
  } else if (e.name === 'FunctionCall' && String(e.args?.data?.url ?? '').includes('acme')) pageTimer++;
  else if (['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'FireIdleCallback', 'ParseHTML', 'TimerFire', 'EventDispatch', 'XHRLoad', 'ResourceReceiveResponse', 'HTMLDocumentParser::PumpTokenizer', 'Document::FinishedParsing'].includes(e.name)) other.push(e.name + (e.args?.data?.url ? ':' + String(e.args.data.url).slice(0, 40) : e.args?.data?.type ? ':' + e.args.data.type : ''));
}
