import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report';
import { generateDemoData, NO_EFFECT } from '../../../demo/report-data';
import { LATER } from '../../../tests/support/report-rows';

// Acceptance 1 of issue #7, no effect: the report's interval contains 0 in at least 90 of 100
// seeds (a 95 % interval should miss about 5).

describe('the report on demo data without a planted effect', () => {
  it('finds no association in at least 90 of 100 seeds, for switches and for effort', () => {
    const contains0 = { switches: 0, effort: 0 };
    for (let seed = 1; seed <= 100; seed++) {
      const rows = generateDemoData({ seed, interactions: 5_000, teams: 1, effect: NO_EFFECT });
      const report = buildReport(rows, {
        period: { fromWeek: '2025-W02', toWeek: '2025-W09' },
        now: LATER,
        identityMode: 'pseudonymous',
        role: 'supervisor',
        seed,
        resamples: 500,
      });
      for (const measure of ['switches', 'effort'] as const) {
        const { ci } = report.correlations[measure].estimate;
        if (ci!.low <= 0 && ci!.high >= 0) contains0[measure]++;
      }
    }
    expect(contains0.switches).toBeGreaterThanOrEqual(90);
    expect(contains0.effort).toBeGreaterThanOrEqual(90);
    // 100 reports of 5,000 interactions: about 12 s on two cores.
  }, 60_000);
});
