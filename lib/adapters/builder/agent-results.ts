import { z } from 'zod';
import { recordContextSchema } from '../../context/record-context';
import { extractorSchema } from '../definition';
import { ANCHOR_KINDS } from './propose-selector';

// What the page agent (page-agent.ts) hands back through `scripting.executeScript`: page text
// crossing into the extension, checked here like any other boundary.

const selectorExtractorSchema = extractorSchema.options[0];

export const candidateReadingSchema = z.object({
  extractor: selectorExtractorSchema,
  kind: z.enum(ANCHOR_KINDS),
  value: z.string().nullable(),
  label: z.string().nullable(),
});

export const pickResultSchema = z.array(candidateReadingSchema).nullable();

export const checkResultSchema = z.array(
  z.object({
    count: z.number().int().nonnegative(),
    value: z.string().nullable(),
    label: z.string().nullable(),
  }),
);

export const previewResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), context: recordContextSchema }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
