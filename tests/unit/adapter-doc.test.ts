// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readManagedValues } from '../../lib/settings/policy';
import { adapterDefinitionSchema } from '../../lib/adapters/definition';
import { adapterReferenceRows, withAdapterReference } from '../../scripts/adapter-doc';
import { extractFixturePage, loadFixtureSpec, readFixtureHtml } from '../adapter-fixtures';

/** Prettier aligns table columns: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
const DOC = readFileSync('docs/admin.md', 'utf8');

/** The JSON block that follows the worked example's marker in docs/admin.md. */
function workedExample(): unknown {
  const marker = DOC.indexOf('<!-- worked-example:freescout -->');
  const block = /```json\n([\s\S]*?)\n```/.exec(DOC.slice(marker));
  if (marker < 0 || !block) throw new Error('docs/admin.md: worked example not found');
  return JSON.parse(block[1]!);
}

describe('docs/admin.md adapter reference', () => {
  it('is the one generated from the adapter schema (run `npm run generate:adapter-doc`)', () => {
    expect(unpadded(withAdapterReference(DOC))).toBe(unpadded(DOC));
  });

  it('names every part with its limits, including the ones admins trip over', () => {
    const rows = new Map(adapterReferenceRows().map((row) => [row.path, row]));
    expect(rows.get('hosts')?.limits).toBe('at most 20');
    expect(rows.get('selfHosted')?.default).toBe('`false`');
    expect(rows.get('fields{}')?.limits).toBe('at least 1; at most 10');
    expect(rows.get('api')?.limits).toBe('at most 4');
    expect(rows.get('records[].idGroup')?.limits).toBe('≥ 1; ≤ 9');
  });
});

describe('the worked example for a self-hosted FreeScout', () => {
  const example = workedExample();

  it('is a managed policy without a single problem', () => {
    const read = readManagedValues(example);
    expect(read.diagnostics).toEqual([]);
    expect(read.problems).toEqual({});
    expect(read.values.customAdapters).toHaveLength(1);
    expect(read.values.interactionEndTriggers).toEqual([
      { app: 'freescout', field: 'status', values: ['Closed'] },
    ]);
  });

  it('still applies in Chrome’s form, each adapter as JSON text', () => {
    const policy = example as { customAdapters: unknown[] };
    const asText = {
      ...policy,
      customAdapters: policy.customAdapters.map((a) => JSON.stringify(a)),
    };
    expect(readManagedValues(asText).values.customAdapters).toEqual(
      readManagedValues(example).values.customAdapters,
    );
  });

  const adapter = adapterDefinitionSchema.parse(
    (example as { customAdapters: unknown[] }).customAdapters[0],
  );
  const spec = loadFixtureSpec('freescout');
  for (const page of spec.pages) {
    it(`reads the number agents know, the subject, the status and the customer from ${page.file}`, async () => {
      const result = await extractFixturePage(
        adapter,
        page.url,
        readFixtureHtml('freescout', page.file),
        {},
      );
      if (!result.ok) throw new Error(result.reason);
      expect(result.context).toMatchObject(page.expect);
      // As the CRM shows it; the background matches customers on its E.164 form.
      expect(result.context.customerPhone).toBe('+39 06 6982 1234');
    });
  }

  it('sees the status change in place to Closed, which the example’s trigger ends on', async () => {
    const page = spec.pages[0]!;
    const closed = readFixtureHtml('freescout', page.file)
      .replace(
        '<li class="active"><a href="#" data-status="1">Active</a></li>',
        '<li><a href="#" data-status="1">Active</a></li>',
      )
      .replace(
        '<li><a href="#" data-status="3">Closed</a></li>',
        '<li class="active"><a href="#" data-status="3">Closed</a></li>',
      );
    const result = await extractFixturePage(adapter, page.url, closed, {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.status).toBe('Closed');
  });

  it('claims no page that is not a conversation', async () => {
    for (const { url } of spec.mustNotMatch) {
      const result = await extractFixturePage(adapter, url, '<html><body></body></html>', {});
      expect(result.ok, url).toBe(false);
    }
  });
});
