import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdapterDefinition } from '../lib/adapters/definition';
import { extractRecordContext } from '../lib/adapters/extract';
import { enrichFromApi } from '../lib/adapters/enrich';
import { recordContextSchema } from '../lib/context/record-context';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, 'fixtures');

const fixtureSpecSchema = z.object({
  note: z.string().optional(),
  pages: z
    .array(
      z.object({
        file: z.string(),
        url: z.url(),
        expect: z.record(z.string(), z.string()),
        /** Fields that must be absent (e.g. values of a hidden pane). */
        absent: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  mustNotMatch: z.array(z.object({ file: z.string().optional(), url: z.url() })).min(1),
  api: z.record(z.string(), z.unknown()).default({}),
});
export type FixtureSpec = z.infer<typeof fixtureSpecSchema>;

export function fixtureDir(adapterId: string) {
  return path.join(FIXTURES_DIR, adapterId);
}

export function loadFixtureSpec(adapterId: string): FixtureSpec {
  const file = path.join(fixtureDir(adapterId), 'expected.json');
  return fixtureSpecSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function readFixtureHtml(adapterId: string, file: string) {
  const full = path.join(fixtureDir(adapterId), file);
  if (!existsSync(full)) throw new Error(`missing fixture ${full}`);
  return readFileSync(full, 'utf8');
}

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
