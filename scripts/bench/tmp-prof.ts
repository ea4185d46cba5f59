import { API_PATHS } from '../../contract/api';
import { issueToken } from '../../server/src/auth/tokens';
import { startCollector } from '../../server/src/collector';
import { openDatabase } from '../../server/src/db/open-database';
import { isoWeekIndex, isoWeekLabel, isoWeekStart } from '../../contract/iso-week';
import { buildReportFromColumns } from '../../server/src/reports/build-report';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const from = isoWeekLabel(isoWeekIndex(NOW) - 12);
const to = isoWeekLabel(isoWeekIndex(NOW) - 1);
const db = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema: 'bench_ab' });
const { token } = await issueToken(db, { team: 'bench', role: 'supervisor' });
const collector = await startCollector({ db, log: { level: 'silent' }, now: () => NOW });
for (let run = 0; run < 6; run++) {
  let t = performance.now();
  const cols = await db.loadReportColumns('bench', isoWeekStart(isoWeekIndex(NOW) - 12), isoWeekStart(isoWeekIndex(NOW)));
  const load = performance.now() - t;
  t = performance.now();
  const report = buildReportFromColumns(cols, { period: { fromWeek: from, toWeek: to }, identityMode: 'identified', role: 'supervisor', seed: 7, minGroupSize: 5, minGroupSizeFloor: 5, effortScale: 5, filter: {}, now: NOW } as never);
  const core = performance.now() - t;
  t = performance.now();
  const json = JSON.stringify(report).length;
  const str = performance.now() - t;
  t = performance.now();
  const response = await fetch(`${collector.url}${API_PATHS.reports}?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const http = performance.now() - t;
  console.log(`run ${run}: load ${load.toFixed(0)} core ${core.toFixed(0)} stringify ${str.toFixed(1)} (${json} B) http ${http.toFixed(0)} (${response.status}, ${body.length} B)`);
}
await collector.close();
await db.close();
