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
  it('states the period by its dates, the team, n, the suppression rule and the locked floor', () => {
    const page = parse(render());
    expect(page.querySelector('[data-testid="report-summary"]')?.textContent).toBe(
      'Team demo · Sep 28\u2009–\u2009Nov 22, 2026 (8 weeks) · 1,987 interactions',
    );
    const rule = page.querySelector('[data-testid="report-suppression"]')!;
    expect(rule.textContent).toContain('Groups under 5 are not shown');
    expect(rule.querySelector('[data-testid="report-floor-locked"]')?.textContent).toBe(
      'Locked by admin The minimum of 5 is your admin’s floor: it cannot be lowered.',
    );
    // A supervisor's minimum above the floor is theirs: no lock.
    expect(render(reportFixture({ minGroupSize: 8 }))).not.toContain('report-floor-locked');
    expect(rule.querySelector('[data-testid="report-sizes-by-week"]')).toBeNull();
  });

  it('says when the weeks of the period are shown under different minimum group sizes', () => {
    const changed = reportFixture({
      minGroupSize: 8,
      minGroupSizeByWeek: [5, 5, 8, 8, 8, 8, 8, 8],
    });
    const note = parse(render(changed)).querySelector('[data-testid="report-sizes-by-week"]');
    expect(note?.textContent).toBe(
      ' Each week is shown under the minimum in force when it ended, here 5 to 8: a change applies to the weeks after it, so reading a week twice singles no one out.',
    );
  });

  it('says when some weeks needed more people, as after a change of identity mode', () => {
    const modeChanged = reportFixture({
      minGroupSize: 5,
      minGroupSizeByWeek: [5, 5, 10, 10, 5, 5, 5, 5],
    });
    const page = parse(render(modeChanged));
    expect(page.querySelector('[data-testid="report-raised-weeks"]')?.textContent).toBe(
      ' Some weeks needed up to 10 people: the minimum in force when they ended or, in a week the identity mode changed and the week after, a multiple of it, since each agent then shows under more than one key.',
    );
    expect(page.querySelector('[data-testid="report-sizes-by-week"]')).toBeNull();
    expect(parse(render()).querySelector('[data-testid="report-raised-weeks"]')).toBeNull();
  });

  it('opens each section with a sentence, then details, then what was left out, as shares', () => {
    const page = parse(render());
    const text = (id: string) => page.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(text('lead-distributions')).toBe(
      'A typical interaction took 5 min, with 3 switches and 45 sec away from the record.',
    );
    expect(text('left-out-distributions')).toBe(
      'Left out to protect small groups: 3% of interactions, 4% of CSAT ratings, 8% of agents.',
    );
    // The measure whose ends differ most in CSAT points opens the correlations.
    expect(text('lead-correlations')).toBe(
      'Interactions with 6 or more switches averaged CSAT 3.6; with 0–2 switches, 4.2.',
    );
    expect(text('lead-reasons')).toBe(
      'When agents named “Too many tools”, customers rated 3.4 on average; otherwise 4.2.',
    );
    expect(text('lead-apps')).toBe(
      'Most time away from the record went to Gmail: 10 hr, 60% of all time away.',
    );
    expect(text('lead-weekly')).toBe(
      'Average CSAT was 4.1 in the week of Sep 28\u2009–\u2009Oct 4 and 4.1 in the week of Oct 12\u2009–\u200918.',
    );
    const { leftOut } = reportFixture();
    const none = { interactions: 0, ratings: 0, agents: 0 };
    const clean = parse(render(reportFixture({ leftOut: { ...leftOut, distributions: none } })));
    expect(clean.querySelector('[data-testid="left-out-distributions"]')).toBeNull();
  });

  it('keeps ρ and the interval out of the main text: they are in the details line only', () => {
    const page = parse(render());
    const section = page.querySelector('[data-testid="report-correlations"]')!;
    const main = [...section.querySelectorAll('.report-lead, [data-testid^="reading-"], h4')]
      .map((node) => node.textContent)
      .join(' ');
    expect(main).not.toMatch(/ρ|CI|confidence/);
    expect(section.querySelector('[data-testid="details-switches"]')?.textContent).toBe(
      'Details: Rank correlation within agents ρ = −0.22, 95% CI −0.30 to −0.14 (agents resampled), 640 ratings from 12 agents; between agents ρ = 0.10.',
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

  it('reads each measure in plain words and keeps the interval chart behind a disclosure', () => {
    const page = parse(render());
    const reading = (measure: string) =>
      page.querySelector(`[data-testid="reading-${measure}"]`)?.textContent;
    expect(reading('effort')).toBe(
      'Within each agent’s own work, interactions rated easier tend to have higher CSAT: a moderate association.',
    );
    expect(reading('switches')).toBe(
      'Within each agent’s own work, interactions with more switches tend to have lower CSAT: a weak association.',
    );
    expect(reading('away')).toBe(
      'No clear link between time away and CSAT within agents’ own work.',
    );
    expect(reading('handle')).toBe(
      'Not enough data to relate handle time to CSAT: 12 ratings from 3 agents; 20 ratings from 5 agents are needed.',
    );
    expect(page.querySelector('[data-testid="band-away"]')?.textContent).toBe(
      'Too few people or ratings in each range of time away to compare CSAT.',
    );
    const chart = page.querySelector('details [data-testid="correlation-chart"]')!;
    const effort = chart.querySelector('[data-testid="interval-effort"]')!;
    expect(effort.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Effort score (higher = easier): ρ = 0.41, 95% CI 0.31 to 0.50, n = 301',
    );
    expect(effort.querySelectorAll('line.whisker')).toHaveLength(3);
    expect(effort.querySelector('line.zero-line')).not.toBeNull();
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
    const first = reasons.querySelector('[data-testid="reasons-table"] tbody tr')!;
    expect(first.textContent).toContain('3.4 (n = 80)');
    expect(first.textContent).toContain('4.2 (n = 221)');
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
    // Weeks are named by their dates, never "2026-W41".
    expect(weekly.textContent).not.toContain('W4');
    expect([...charts[0]!.querySelectorAll('text')].map((node) => node.textContent)).toEqual(
      expect.arrayContaining(['Sep 28', 'Oct 5', 'Oct 12']),
    );
    const table = page.querySelector('[data-testid="report-weekly"] details table')!;
    expect(table.querySelector('tbody th')?.textContent).toBe('Sep 28\u2009–\u2009Oct 4');
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
    // The console knows names: the apps table then names each app beside its id (issue #17).
    const names: Record<string, string> = { gmail: 'Gmail' };
    expect(reportTableCsv(report, 'apps', (id) => names[id] ?? id)?.split('\r\n')).toEqual([
      'app,app_name,interactions,away_total_min,away_mean_min,share_pct',
      'gmail,Gmail,400,600,1.5,60',
      'in-house-billing,in-house-billing,200,400,2,40',
      '',
    ]);
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
    expect(reportTableCsv(report, 'reasons')?.split('\r\n').slice(0, 2)).toEqual([
      'reason,tagged_interactions,tagged_low_csat,tagged_low_csat_pct,tagged_csat_mean_1_to_5,untagged_interactions,untagged_low_csat,untagged_low_csat_pct,untagged_csat_mean_1_to_5,difference_pct_points,ci95_low_pct_points,ci95_high_pct_points,association',
      'too-many-tools,80,30,37.5,3.4,221,33,14.9,4.2,22.6,11,34,higher',
    ]);
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
    expect(binLabel({ from: 0, to: 60_000 }, 'duration')).toBe('0–1 min');
    expect(binLabel({ from: 300_000, to: 600_000 }, 'duration')).toBe('5–10 min');
    expect(binLabel({ from: 600_000, to: null }, 'duration')).toBe('10+ min');
    expect(binTick({ from: 60_000, to: 120_000 }, 'duration')).toBe('1');
    expect(binTick({ from: 3_600_000, to: null }, 'duration')).toBe('60+');
  });

  it('gives every histogram bar of a measure the same width of values', () => {
    const { distributions } = reportFixture();
    for (const distribution of Object.values(distributions)) {
      const widths = distribution.bins.flatMap((bin) =>
        bin.to === null ? [] : [bin.to - bin.from],
      );
      expect(new Set(widths).size).toBe(1);
    }
    const page = parse(render());
    const handle = [...page.querySelectorAll('[data-testid="histogram"]')][3]!;
    expect(handle.querySelector('strong')?.textContent).toBe('Handle time (minutes)');
    expect([...handle.querySelectorAll('svg text.tick')].map((node) => node.textContent)).toEqual([
      '0',
      '5',
      '10',
      '15',
      '20',
      '25',
      '30',
      '35',
      '40',
      '45',
      '50',
      '55',
      '60+',
    ]);
  });
});
