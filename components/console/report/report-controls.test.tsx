// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/support/report/report-fixture';
import { Comparison } from './Comparison';
import { CxImportForm } from './CxImportForm';
import { ReportFilters } from './ReportFilters';
import { previousPeriod } from './iso-weeks';

const parse = (html: string) => {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
};

describe('report controls (issue #14, item 6)', () => {
  it('compares with the previous period of the same length', () => {
    expect(previousPeriod({ from: '2026-W40', to: '2026-W47' })).toEqual({
      from: '2026-W32',
      to: '2026-W39',
    });
    expect(previousPeriod({ from: '2026-W01', to: '2026-W02' })).toEqual({
      from: '2025-W51',
      to: '2025-W52',
    });
    const now = reportFixture();
    const before = reportFixture({
      overall: { ...now.overall, n: 1800, csat: { n: 600, mean: 4.3, lowShare: 0.12 } },
      period: {
        ...now.period,
        fromWeek: '2026-W32',
        toWeek: '2026-W39',
        startDate: '2026-08-03',
        endDate: '2026-09-27',
      },
    });
    const page = parse(
      renderToStaticMarkup(
        <Comparison report={now} previous={{ status: 'ready', report: before }} />,
      ),
    );
    expect(page.querySelector('h3')?.textContent).toBe(
      'Compared with Aug 3\u2009–\u2009Sep 27, 2026',
    );
    expect(page.querySelector('[data-testid="lead-comparison"]')?.textContent).toBe(
      'Average CSAT 4.1, against 4.3 in the previous 8 weeks.',
    );
    const rows = [...page.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows[0]).toEqual(['Interactions', '1,987', '1,800', '+187']);
    expect(rows[1]).toEqual(['Mean CSAT', '4.1', '4.3', '\u22120.2']);
    expect(rows[2]).toEqual(['Low CSAT share', '18%', '12%', '+6 percentage points']);
  });

  it('offers apps, agents only where allowed, and the comparison', () => {
    const onChange = () => undefined;
    const withAgents = parse(
      renderToStaticMarkup(
        <ReportFilters
          apps={['salesforce', 'zendesk']}
          agents={['agent-7f3a']}
          filters={{ compare: false, app: 'zendesk' }}
          onChange={onChange}
        />,
      ),
    );
    const app = withAgents.querySelector<HTMLSelectElement>('[data-testid="filter-app"]')!;
    expect([...app.options].map((option) => option.value)).toEqual(['', 'salesforce', 'zendesk']);
    expect(withAgents.querySelector('[data-testid="filter-agent"]')).not.toBeNull();
    const anonymous = parse(
      renderToStaticMarkup(
        <ReportFilters apps={[]} agents={null} filters={{ compare: true }} onChange={onChange} />,
      ),
    );
    expect(anonymous.querySelector('[data-testid="filter-agent"]')).toBeNull();
    expect(anonymous.querySelector('[data-testid="filter-agent-hidden"]')?.textContent).toBe(
      'Agents cannot be filtered in this team’s identity mode.',
    );
  });

  it('shows what a CSAT import stored and every refused line by number, in words', () => {
    const page = parse(
      renderToStaticMarkup(
        <CxImportForm
          state={{
            status: 'done',
            result: {
              imported: 1200,
              unchanged: 3,
              errors: [
                {
                  line: 4,
                  message: 'score: score must be 1–5 on scale 1-5',
                  problems: [{ field: 'score', code: 'scoreRange', values: [1, 5, '1-5'] }],
                },
                {
                  line: 7,
                  message: 'date: date does not exist; metric: Invalid option',
                  problems: [
                    { field: 'date', code: 'dateUnreal', values: [] },
                    { field: 'metric', code: 'metric', values: ['csat', 'nps', 'ces'] },
                  ],
                },
              ],
            },
          }}
          onImport={() => undefined}
        />,
      ),
    );
    expect(page.querySelector('[data-testid="cx-import-result"] p')?.textContent).toBe(
      'Imported 1,200 rows, 3 unchanged, 2 refused.',
    );
    expect(
      [...page.querySelectorAll('[data-testid="cx-import-errors"] li')].map((li) => li.textContent),
    ).toEqual([
      'Line 4: score must be 1–5 on scale 1-5',
      'Line 7: date does not exist; metric must be csat, nps, or ces',
    ]);
  });

  it('says "1 row" for one imported row', () => {
    const page = parse(
      renderToStaticMarkup(
        <CxImportForm
          state={{ status: 'done', result: { imported: 1, unchanged: 0, errors: [] } }}
          onImport={() => undefined}
        />,
      ),
    );
    expect(page.querySelector('[data-testid="cx-import-result"] p')?.textContent).toBe(
      'Imported 1 row, 0 unchanged, 0 refused.',
    );
  });
});
