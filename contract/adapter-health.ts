import { z } from 'zod';
import { CONTEXT_FIELDS } from './record-fields';

// `GET /v1/adapters/health` (issue #16): what the console's "Adapter health" view shows.

/** The drop that flags a field: it matched at least this share of records in the day before… */
export const HEALTHY_HIT_RATE = 0.9;
/** …and fewer than this share since. */
export const BROKEN_HIT_RATE = 0.5;

const rate = z.number().min(0).max(1);

export const fieldHealthSeriesSchema = z.object({
  field: z.enum(CONTEXT_FIELDS),
  /** Hours with reads that enough people's counts went into, oldest first. */
  hours: z.array(
    z.object({
      hourStart: z.string(),
      matched: z.number().int().nonnegative(),
      missed: z.number().int().nonnegative(),
    }),
  ),
  /** Share of records matched over the last 24 hours with reads; null when none. */
  recentHitRate: rate.nullable(),
  /** The extractor that matched most in the last 24 hours with reads. */
  extractorInUse: z.string().nullable(),
  extractors: z.array(z.object({ rule: z.string(), count: z.number().int().nonnegative() })),
  /** Set when the field broke: healthy the day before `since`, below the broken rate since. */
  flag: z.object({ since: z.string(), rateBefore: rate, rateSince: rate }).nullable(),
});
export type FieldHealthSeries = z.infer<typeof fieldHealthSeriesSchema>;

export const adapterHealthReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /**
   * Hours whose counts came from fewer people than this are held back (PRODUCT.md privacy rule
   * 4): the team's minimum group size, never below the admin's floor.
   */
  minGroupSize: z.number().int().positive(),
  /** Apps with at least one hour shown. */
  apps: z.array(
    z.object({
      app: z.string(),
      /** Records read in the hours shown. */
      records: z.number().int().nonnegative(),
      /** Fields with at least one hour shown. */
      fields: z.array(fieldHealthSeriesSchema),
    }),
  ),
});
export type AdapterHealthReport = z.infer<typeof adapterHealthReportSchema>;
