import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Fixture pages and the values they must yield; shared by the adapter unit tests and the e2e run.
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
