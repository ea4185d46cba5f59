import { describe, expect, it, vi } from 'vitest';
import { reportFixture } from '../../tests/support/report/report-fixture';
import type { Settings } from '../settings/definitions';
import { createReportHandlers } from './report-handlers';
import { CONSOLE_TOKEN_KEY, type ConsoleDeps } from './console-handlers';

const sender = { tabId: undefined, url: 'chrome-extension://x/console.html' };
const query = { from: '2026-W40', to: '2026-W47' };

function setup(answer: () => Response, signedIn?: string) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answer());
  const session = new Map<string, unknown>(signedIn ? [[CONSOLE_TOKEN_KEY, signedIn]] : []);
  const deps = {
    policy: async () => ({
      settings: { collectorUrl: 'http://127.0.0.1:9', collectorToken: 'tp_deployed' } as Settings,
      sources: {} as never,
      diagnostics: [],
    }),
    session: {
      get: async <T>(key: string) => session.get(key) as T | undefined,
      set: async () => undefined,
      remove: async () => undefined,
    } as unknown as ConsoleDeps['session'],
    fetch,
  };
  return { handlers: createReportHandlers(deps), fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('report handlers', () => {
  it('fetch the report with the signed-in token and validate it', async () => {
    const report = reportFixture();
    const { handlers, fetch } = setup(() => json(report), 'tp_supervisor');
    await expect(handlers['console.report'](query, sender)).resolves.toEqual(report);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:9/v1/reports?from=2026-W40&to=2026-W47');
    expect((init!.headers as Record<string, string>).authorization).toBe('Bearer tp_supervisor');
  });

  it('name the field when the collector answers with something that is not a report', async () => {
    const { handlers } = setup(() => json({ ...reportFixture(), n: { interactions: -1 } }));
    await expect(handlers['console.report'](query, sender)).rejects.toThrow(
      /the collector's report is not readable: n\./,
    );
  });

  it("pass on the collector's error message", async () => {
    const { handlers } = setup(() =>
      json({ error: 'forbidden', message: 'reports are for supervisors' }, 403),
    );
    await expect(handlers['console.report'](query, sender)).rejects.toThrow(
      '/v1/reports: HTTP 403 reports are for supervisors',
    );
  });

  it('return the CSV, or null when the collector has no CSV endpoint', async () => {
    const csv = setup(() => new Response('app,n\r\ngmail,5\r\n', { status: 200 }));
    await expect(
      csv.handlers['console.reportCsv']({ ...query, table: 'apps' }, sender),
    ).resolves.toEqual({ csv: 'app,n\r\ngmail,5\r\n' });
    expect(csv.fetch.mock.calls[0]![0]).toBe(
      'http://127.0.0.1:9/v1/reports/csv?table=apps&from=2026-W40&to=2026-W47',
    );
    const missing = setup(() => json({ error: 'not-found', message: 'no route' }, 404));
    await expect(
      missing.handlers['console.reportCsv']({ ...query, table: 'apps' }, sender),
    ).resolves.toEqual({ csv: null });
  });

  it('pass the filters on, only those set', async () => {
    const { handlers, fetch } = setup(() => json(reportFixture()));
    await handlers['console.report']({ ...query, app: 'zendesk' }, sender);
    await handlers['console.reportCsv']({ ...query, agent: 'agent-7', table: 'weekly' }, sender);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://127.0.0.1:9/v1/reports?from=2026-W40&to=2026-W47&app=zendesk',
      'http://127.0.0.1:9/v1/reports/csv?table=weekly&from=2026-W40&to=2026-W47&agent=agent-7',
    ]);
  });

  it('post a CSAT file as CSV and return what the collector imported and refused, by line', async () => {
    const answer = {
      imported: 2,
      unchanged: 0,
      errors: [
        {
          line: 3,
          message: 'score: score must be 1–5 on scale 1-5',
          problems: [{ field: 'score', code: 'scoreRange', values: [1, 5, '1-5'] }],
        },
      ],
    };
    const { handlers, fetch } = setup(() => json(answer), 'tp_supervisor');
    const csv = 'app,record_id,metric,score,scale,date\r\nzendesk,1,csat,5,1-5,2026-10-06\r\n';
    await expect(handlers['console.cxImport']({ csv }, sender)).resolves.toEqual(answer);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:9/v1/cx/import');
    expect(init).toMatchObject({ method: 'POST', body: csv });
    expect((init!.headers as Record<string, string>)['content-type']).toMatch(/^text\/csv/);
    const refused = setup(() => json({ error: 'payload_too_large', message: 'over 10 MB' }, 413));
    await expect(refused.handlers['console.cxImport']({ csv }, sender)).rejects.toThrow(
      '/v1/cx/import: HTTP 413 over 10 MB',
    );
  });
});
