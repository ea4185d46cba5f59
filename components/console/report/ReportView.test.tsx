// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { binLabel, binTick } from './report-format';
import { reportTableCsv } from '@/contract/report-csv';
import { reportFixture } from '../../../tests/support/report/report-fixture';
import { ReportView } from './ReportView';
import { readingText } from './reading-text';

const render = (report = reportFixture()) =>
  renderToStaticMarkup(<ReportView report={report} onDownloadCsv={() => undefined} />);

const parse = (html: string) => {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
};

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ReportView', () => {
  it('states the period, the team, n and the suppression rule', () => {
    const html = render();
    expect(html).toContain('Team demo · weeks 2026-W40 to 2026-W47 · 1,987 interactions');
    expect(html).toContain('Groups under 5 are not shown');
    expect(html).toContain('some agent-weeks were under 5 and were left out');
    const { leftOut } = reportFixture();
    expect(render(reportFixture({ leftOut: { ...leftOut, any: false } }))).not.toContain(
      'were left out',
    );
  });

  it('shows n on every histogram and names each chart for screen readers', () => {
    const page = parse(render());
    const histograms = [...page.querySelectorAll('[data-testid="histogram"]')];
    expect(histograms).toHaveLength(4);
    expect(histograms.map((figure) => figure.querySelector('.report-n')?.textContent)).toEqual([
      'n = 912',
      'n = 1,987',
      'n = 1,987',
      'n = 1,987',
    ]);
    for (const figure of histograms) {
      const svg = figure.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
      expect(figure.querySelector(`[id="${titleId}"]`)?.tagName.toLowerCase()).toBe('title');
      expect(figure.querySelector(`[id="${descId}"]`)?.textContent).toMatch(
        /interactions; the most common range is/,
      );
      expect(figure.querySelector('details table')).not.toBeNull();
    }
    expect(histograms[0]!.textContent).toContain('median 4 (middle half 3 to 4)');
  });

  it('plots each correlation with its interval and puts the reading beside it', () => {
    const page = parse(render());
    const chart = page.querySelector('[data-testid="correlation-chart"]')!;
    const effort = chart.querySelector('[data-testid="interval-effort"]')!;
    expect(effort.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Effort score (higher = easier): ρ = 0.41, 95% CI 0.31 to 0.50, n = 301',
    );
    expect(effort.querySelectorAll('line.whisker')).toHaveLength(3);
    expect(effort.querySelector('line.zero-line')).not.toBeNull();
    expect(chart.querySelector('[data-testid="reading-effort"]')?.textContent).toBe(
      'Interactions rated easier tend to have higher CSAT, a moderate association (ρ = 0.41, 95% CI 0.31 to 0.50, n = 301).',
    );
    expect(chart.querySelector('[data-testid="reading-switches"]')?.textContent).toBe(
      'Interactions with more switches tend to have lower CSAT, a weak association (ρ = −0.22, 95% CI −0.30 to −0.14, n = 640).',
    );
    expect(chart.querySelector('[data-testid="reading-away"]')?.textContent).toBe(
      'No clear association between time away and CSAT (ρ = 0.03, 95% CI −0.05 to 0.11, n = 640).',
    );
    expect(chart.querySelector('[data-testid="reading-handle"]')?.textContent).toBe(
      'Not enough data to relate handle time to CSAT: 12 interactions with both, 20 needed.',
    );
    // Nothing to plot for "not enough data": no dot, no whiskers.
    const handle = chart.querySelector('[data-testid="interval-handle"]')!;
    expect(handle.querySelector('circle')).toBeNull();
    expect(handle.querySelector('svg')!.getAttribute('aria-label')).toBe('Handle time: n = 12');
  });

  it('reads every kind as the collector structured it, never claiming more', () => {
    expect(readingText({ kind: 'no-variation', n: 40 }, 'switches')).toBe(
      'No reading for switches and CSAT: one of them has the same value in every interaction (n = 40).',
    );
    expect(
      readingText(
        {
          kind: 'association',
          direction: 'negative',
          strength: 'slight',
          n: 5000,
          agents: 30,
          rho: -0.06,
          low: -0.09,
          high: -0.03,
        },
        'away',
      ),
    ).toBe(
      'Interactions with more time away from the record tend to have lower CSAT, a very weak association (ρ = −0.06, 95% CI −0.09 to −0.03, n = 5,000).',
    );
  });

  it('ranks reasons with their difference and apps by the time away they cause, by name', () => {
    const page = parse(render());
    const reasons = page.querySelector('[data-testid="report-reasons"]')!;
    expect(reasons.textContent).toContain('Too many tools');
    expect(
      reasons
        .querySelector('[data-testid="interval-too-many-tools"] svg')!
        .getAttribute('aria-label'),
    ).toBe('Too many tools: +22.6 points, 95% CI +11 to +34, n = 80 tagged');
    expect(reasons.textContent).toContain('Low CSAT more frequent with this reason');
    expect(reasons.textContent).toContain('No clear difference');
    expect(reasons.querySelector('.report-n')?.textContent).toBe('n = 301');
    const apps = page.querySelector('[data-testid="report-apps"]')!;
    expect(apps.querySelector('svg desc')?.textContent).toBe(
      '2 apps ranked by time away; the most is Gmail with 10 hr.',
    );
    expect(apps.textContent).toContain('in-house-billing');
  });

  it('draws the weekly trend with a gap for a week without data', () => {
    const page = parse(render());
    const weekly = page.querySelector('[data-testid="weekly-charts"]')!;
    const charts = [...weekly.querySelectorAll('svg[role="img"]')];
    expect(charts).toHaveLength(3);
    // Mean CSAT has weeks 1 and 3 only: two one-point runs, no line through week 2.
    expect(charts[2]!.querySelectorAll('polyline')).toHaveLength(2);
    expect(charts[2]!.querySelector('desc')?.textContent).toBe(
      'Mean CSAT over 3 weeks: lowest 4.1, highest 4.1.',
    );
  });

  it('shows the agent table when allowed, and otherwise why not', () => {
    expect(parse(render()).querySelector('[data-testid="agent-table"]')?.textContent).toContain(
      'agent-7f3a',
    );
    const anonymous = parse(
      render(reportFixture({ agents: { available: false, reason: 'anonymous-mode' } })),
    );
    expect(anonymous.querySelector('[data-testid="agent-table"]')).toBeNull();
    expect(anonymous.querySelector('[data-testid="agents-hidden"]')?.textContent).toContain(
      'this team is in anonymous mode',
    );
    const role = parse(
      render(reportFixture({ agents: { available: false, reason: 'supervisors-only' } })),
    );
    expect(role.querySelector('[data-testid="agents-hidden"]')?.textContent).toBe(
      'Agent-level figures are shown to supervisors only.',
    );
  });

  it('offers a CSV download for every table', async () => {
    const onDownloadCsv = vi.fn();
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(<ReportView report={reportFixture()} onDownloadCsv={onDownloadCsv} />),
    );
    const buttons = [...container.querySelectorAll('button.csv-button')] as HTMLButtonElement[];
    expect(buttons.map((button) => button.textContent)).toEqual([
      'Download CSV (How the work is spread)',
      'Download CSV (Effort, switching and time against CSAT)',
      'Download CSV (Effort reasons and low CSAT)',
      'Download CSV (Apps that take agents away from the record)',
      'Download CSV (Trend by week)',
      'Download CSV (By agent)',
    ]);
    await act(async () => buttons[2]!.click());
    expect(onDownloadCsv).toHaveBeenCalledWith('reasons');
    await act(async () => root.unmount());
  });
});

describe('reportTableCsv (the collector and the console write the same CSV)', () => {
  it('writes every table with its n, quoting where needed; no agent table without an agent view', () => {
    const report = reportFixture();
    expect(reportTableCsv(report, 'apps')).toBe(
      'app,interactions,away_total_min,away_mean_min,share_pct\r\ngmail,400,600,1.5,60\r\nin-house-billing,200,400,2,40\r\n',
    );
    expect(reportTableCsv(report, 'correlations')?.split('\r\n')[1]).toBe(
      'effort,301,12,0.41,0.31,0.5,association,,,',
    );
    // Rounded, with units in the names (issue #14: raw away_ms 116251546.83, 17-digit ρ).
    const raw = reportFixture({
      apps: [{ app: 'gmail', n: 7, awayMs: 116_251_546.83, meanAwayMs: 16_607_363.8, share: 1 }],
    });
    expect(reportTableCsv(raw, 'apps')?.split('\r\n')[1]).toBe('gmail,7,1937.5,276.8,100');
    expect(
      reportTableCsv(
        reportFixture({ apps: [{ app: 'a,"b"', n: 5, awayMs: 1, meanAwayMs: 1, share: 1 }] }),
        'apps',
      ),
    ).toContain('"a,""b""",5');
    expect(reportTableCsv(report, 'distributions')?.split('\r\n')[1]).toBe(
      'effortScore,score,912,1,2,40,2,3,4,4,5',
    );
    expect(
      reportTableCsv(
        reportFixture({ agents: { available: false, reason: 'anonymous-mode' } }),
        'agents',
      ),
    ).toBeNull();
    expect(reportTableCsv(report, 'agents')?.split('\r\n')[0]).toBe(
      'agent_id,interactions,median_handle_min,median_away_min,mean_switches,effort_answers,effort_mean_score,csat_interactions,csat_mean_1_to_5,csat_low_pct',
    );
  });
});

describe('bin labels', () => {
  it('name scale points, counts and durations as people read them', () => {
    expect(binLabel({ from: 5, to: null }, 'score')).toBe('5');
    expect(binLabel({ from: 3, to: 4 }, 'count')).toBe('3');
    expect(binLabel({ from: 6, to: 8 }, 'count')).toBe('6–7');
    expect(binLabel({ from: 16, to: null }, 'count')).toBe('16+');
    expect(binLabel({ from: 0, to: 1 }, 'duration')).toBe('0');
    expect(binLabel({ from: 1, to: 30_000 }, 'duration')).toBe('< 30 sec');
    expect(binLabel({ from: 60_000, to: 120_000 }, 'duration')).toBe('1 min – 2 min');
    expect(binTick({ from: 60_000, to: 120_000 }, 'duration')).toBe('1 min');
    expect(binTick({ from: 0, to: 30_000 }, 'duration')).toBe('0 sec');
    expect(binTick({ from: 1_200_000, to: null }, 'duration')).toBe('20 min+');
  });
});
