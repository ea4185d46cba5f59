import { describe, expect, it } from 'vitest';
import type { AdapterDefinition } from '../lib/adapters/definition';
import { extractRecordContext } from './support/adapters/extract-record-context';
import { enrichFromApi } from '../lib/adapters/enrich';
import { recordContextSchema } from '../lib/context/record-context';
import { loadFixtureSpec, readFixtureHtml } from './fixture-spec';

export { fixtureDir, loadFixtureSpec, readFixtureHtml } from './fixture-spec';

/** Parses fixture HTML into a Document, turning declarative shadow DOM into open shadow roots. */
export function parseFixture(html: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  attachDeclarativeShadowRoots(doc);
  return doc;
}

function attachDeclarativeShadowRoots(root: ParentNode) {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = template.innerHTML;
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** Runs DOM extraction then API enrichment against the fixture's recorded API responses. */
export async function extractFixturePage(
  adapter: AdapterDefinition,
  url: string,
  html: string,
  api: Record<string, unknown>,
) {
  const result = extractRecordContext(adapter, { url, document: parseFixture(html) }, 1_000);
  if (!result.ok) return result;
  const context = await enrichFromApi(adapter, result.context, async (apiPath) => {
    if (!(apiPath in api)) throw new Error(`404 ${apiPath}`);
    return api[apiPath];
  });
  // The background parses every context on receipt; so do the tests.
  return { ok: true as const, context: recordContextSchema.parse(context) };
}

/** The standard fixture checks every adapter must pass: expected values, and pages it must not match. */
export function describeAdapterFixtures(adapter: AdapterDefinition) {
  const spec = loadFixtureSpec(adapter.id);
  describe(`${adapter.name} fixtures`, () => {
    for (const page of spec.pages) {
      it(`reads ${page.file} at ${page.url}`, async () => {
        const result = await extractFixturePage(
          adapter,
          page.url,
          readFixtureHtml(adapter.id, page.file),
          spec.api,
        );
        if (!result.ok) throw new Error(result.reason);
        const actual: Record<string, unknown> = { ...result.context };
        for (const [field, value] of Object.entries(page.expect)) {
          expect(actual[field], field).toBe(value);
        }
        for (const field of page.absent) expect(actual[field], field).toBeUndefined();
      });
    }
    for (const page of spec.mustNotMatch) {
      it(`does not read a record from ${page.url}`, async () => {
        const html = page.file ? readFixtureHtml(adapter.id, page.file) : '<html></html>';
        const result = await extractFixturePage(adapter, page.url, html, spec.api);
        expect(result.ok).toBe(false);
      });
    }
  });
}
