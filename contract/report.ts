import { z } from 'zod';
import { EFFORT_SCALE } from './prompt-settings';
import { agentIdSchema, appIdSchema } from './ids';

// The EX × CX report as `GET /v1/reports` answers it (issue #7): one schema for the collector,
// which builds it (`server/src/reports/build-report.ts`, type `Report`), and the console, which
// validates what it receives. A server test parses a real `buildReport` output with it and
// expects it back unchanged, so the two cannot drift.

const count = z.number().int().nonnegative();
const effortScaleSchema = z.enum([EFFORT_SCALE.oneToFive, EFFORT_SCALE.ces7]);

/** ISO week label, e.g. `2026-W07`. */
export const isoWeekLabelSchema = z.string().regex(/^\d{4}-W\d{2}$/);
/** A calendar date, `YYYY-MM-DD` (UTC, as the ISO weeks). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A share from 0 to 1. */
const share = z.number().min(0).max(1);

/**
 * How much of what a section could have used suppression left out (issue #14), as shares in
 * whole percent (at least 0.01 when anything was): interactions, distinct CSAT ratings (null
 * where the section uses none) and agents left out entirely.
 */
export const leftOutSchema = z.object({
  interactions: share,
  ratings: share.nullable(),
  agents: share,
});

export const MEASURES = ['effort', 'switches', 'away', 'handle'] as const;
export const measureSchema = z.enum(MEASURES);

export const binSchema = z.object({ from: z.number(), to: z.number().nullable(), count });
export const quantilesSchema = z.object({
  p10: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p90: z.number(),
});
export const distributionSchema = z.object({
  n: count,
  quantiles: quantilesSchema.nullable(),
  bins: z.array(binSchema),
});

export const intervalSchema = z.object({ low: z.number(), high: z.number() });

/**
 * Spearman's ρ within agent (server/src/reports/within-agent.ts) with its cluster-bootstrap
 * interval: `n` distinct CSAT ratings from `agents` people.
 */
export const spearmanEstimateSchema = z.object({
  n: count,
  agents: count,
  rho: z.number().nullable(),
  ci: intervalSchema.nullable(),
  confidence: z.number(),
  resamples: count,
});

const readingFigures = {
  n: count,
  agents: count,
  rho: z.number(),
  low: z.number(),
  high: z.number(),
};
export const STRENGTHS = ['slight', 'weak', 'moderate', 'strong'] as const;

/**
 * Structured reading of ρ and its interval; `text` in the correlation is its English rendering.
 * The strength word follows the estimate |ρ| (0.1 / 0.3 / 0.5); an association is claimed only
 * when the interval excludes 0.
 */
export const readingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('not-enough-data'),
    n: count,
    minimum: count,
    agents: count,
    minimumAgents: count,
  }),
  z.object({ kind: z.literal('no-variation'), n: count }),
  z.object({ kind: z.literal('no-clear-association'), ...readingFigures }),
  z.object({
    kind: z.literal('association'),
    direction: z.enum(['positive', 'negative']),
    strength: z.enum(STRENGTHS),
    ...readingFigures,
  }),
]);

/** CSAT by band of a measure: `from` ≤ value < `to` (null: open), n distinct ratings. */
export const csatBandSchema = z.object({
  from: z.number(),
  to: z.number().nullable(),
  n: count,
  meanCsat: z.number().nullable(),
});

export const correlationSchema = z.object({
  measure: measureSchema,
  /** The estimate is within agent: differences between agents do not enter it. */
  method: z.literal('within-agent'),
  estimate: spearmanEstimateSchema,
  reading: readingSchema,
  /** Business sentence in CSAT points from `bands`, English. */
  summary: z.string(),
  /** The reading in plain English words. */
  text: z.string(),
  /** The statistics behind the reading, English, for a details line. */
  details: z.string(),
  bands: z.array(csatBandSchema),
  bandsLeftOut: leftOutSchema,
  /** Spearman's ρ of agents' means: how agents differ between themselves, labelled as such. */
  betweenAgents: z.object({ agents: count, rho: z.number().nullable() }),
  leftOut: leftOutSchema,
});

/** One side of a reason's comparison: n, low CSATs (1–2), their share, mean CSAT (1–5). */
export const shareGroupSchema = z.object({
  n: count,
  low: count,
  share: z.number(),
  meanCsat: z.number(),
});
export const reasonRowSchema = z.object({
  reason: z.string(),
  tagged: shareGroupSchema,
  untagged: shareGroupSchema,
  /** tagged.share − untagged.share (0.12 = 12 percentage points). */
  difference: z.number(),
  ci: intervalSchema,
  association: z.enum(['higher', 'lower', 'unclear']),
});

export const appRowSchema = z.object({
  app: z.string(),
  n: count,
  awayMs: z.number(),
  meanAwayMs: z.number(),
  share: z.number(),
});

export const groupFiguresSchema = z.object({
  n: count,
  medianHandleMs: z.number().nullable(),
  medianAwayMs: z.number().nullable(),
  meanSwitches: z.number().nullable(),
  effort: z.object({ n: count, mean: z.number().nullable() }),
  csat: z.object({ n: count, mean: z.number().nullable(), lowShare: z.number().nullable() }),
});
export const weekRowSchema = groupFiguresSchema.extend({
  week: isoWeekLabelSchema,
  /** The week's Monday and Sunday. */
  startDate: isoDateSchema,
  endDate: isoDateSchema,
});
export const agentRowSchema = groupFiguresSchema.extend({ agentId: z.string() });

export const agentViewSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), rows: z.array(agentRowSchema) }),
  z.object({
    available: z.literal(false),
    reason: z.enum(['anonymous-mode', 'supervisors-only']),
  }),
]);

/** `GET /v1/reports?from=2026-W40&to=2026-W47` (supervisor, admin). */
export const reportSchema = z.object({
  team: z.string().nullable(),
  period: z.object({
    fromWeek: isoWeekLabelSchema,
    toWeek: isoWeekLabelSchema,
    /** The weeks covered: the period cut at the last week that has ended. */
    weeks: z.array(isoWeekLabelSchema),
    /** Monday of the first week covered and Sunday of the last; null when none is. */
    startDate: isoDateSchema.nullable(),
    endDate: isoDateSchema.nullable(),
  }),
  /**
   * The minimum group size applied, in people and in values: max(floor, team setting); the
   * largest of `minGroupSizeByWeek` when the period has weeks.
   */
  minGroupSize: z.number().int().positive(),
  /**
   * Per week of `period.weeks`, the size it is reported under: the one in force when it ended,
   * so a later change never shows a week's groups differently. Absent from older collectors.
   */
  minGroupSizeByWeek: z.array(z.number().int().positive()).optional(),
  /** The admin's floor under the team's minimum group size. */
  minGroupSizeFloor: z.number().int().positive(),
  effortScale: effortScaleSchema,
  /** The filter applied (issue #14, item 6); null: all. */
  filter: z.object({ app: z.string().nullable(), agent: z.string().nullable() }),
  /**
   * What the filters can choose from in the period: the record apps, and the agent ids where the
   * agent view is allowed (null where it is not: anonymous mode, an admin).
   */
  choices: z.object({ apps: z.array(z.string()), agents: z.array(z.string()).nullable() }),
  /** The whole period's figures over the kept cells (what the weeks shown add up to). */
  overall: groupFiguresSchema,
  /** What suppression left out, per section (correlations carry their own). */
  leftOut: z.object({
    /** Whether anything at all was left out. */
    any: z.boolean(),
    distributions: leftOutSchema,
    effort: leftOutSchema,
    weekly: leftOutSchema,
    reasons: leftOutSchema,
    apps: leftOutSchema,
  }),
  n: z.object({
    interactions: count,
    effort: count,
    /** Interactions with a CSAT. */
    csat: count,
    /** Distinct CSAT ratings among them (a ticket's rating shared by two interactions: one). */
    ratings: count,
    effortCsat: count,
    /** People the interactions come from. */
    agents: count,
  }),
  distributions: z.object({
    effortScore: distributionSchema,
    switches: distributionSchema,
    awayMs: distributionSchema,
    handleMs: distributionSchema,
  }),
  correlations: z.object({
    effort: correlationSchema,
    switches: correlationSchema,
    away: correlationSchema,
    handle: correlationSchema,
  }),
  reasons: z.array(reasonRowSchema),
  apps: z.array(appRowSchema),
  weekly: z.array(weekRowSchema),
  agents: agentViewSchema,
});
export type ReportResponse = z.infer<typeof reportSchema>;

/**
 * Query of `GET /v1/reports`: whole ISO weeks, both included; optionally one record app's
 * interactions or one agent's (the agent filter only where the agent view is allowed).
 */
export const reportQuerySchema = z.object({
  from: isoWeekLabelSchema,
  to: isoWeekLabelSchema,
  app: appIdSchema.optional(),
  agent: agentIdSchema.optional(),
});

/** `GET /v1/reports/csv?table=<name>&from&to`: one CSV per table of the report, n in every row. */
export const REPORT_CSV_TABLES = [
  'distributions',
  'correlations',
  'reasons',
  'apps',
  'weekly',
  'agents',
] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];
export const reportCsvQuerySchema = reportQuerySchema.extend({ table: z.enum(REPORT_CSV_TABLES) });

/** CX metrics a row of `POST /v1/cx/import` may carry. */
export const CX_METRICS = ['csat', 'nps', 'ces'] as const;
export type CxMetric = (typeof CX_METRICS)[number];

/** The scales each metric may be given on; the reports use CSAT on 1–5. */
export const CX_SCALES = {
  csat: { '1-5': [1, 5] },
  nps: { '0-10': [0, 10] },
  ces: { '1-7': [1, 7], '1-5': [1, 5] },
} as const satisfies Record<CxMetric, Record<string, readonly [number, number]>>;

/**
 * A CX import is a supervisor's export from the CRM, not an agent's batch: a quarter of CSAT
 * answers of a large team is some 100,000 rows, about 6 MB of CSV (uncompressed, as everywhere).
 */
export const CX_IMPORT_MAX_BODY_BYTES = 10_000_000;

/**
 * Rows one CX import may hold: twice that quarter. The byte limit alone let 10 MB of two-byte
 * lines through, 5 million refused rows that held the collector for minutes and gigabytes.
 */
export const CX_IMPORT_MAX_ROWS = 200_000;

/** Columns of a CX import, in CSV header order; JSON rows are objects with these keys. */
export const CX_IMPORT_COLUMNS = ['app', 'record_id', 'metric', 'score', 'scale', 'date'] as const;

/**
 * What was wrong with a refused row, as a code a console can put in the supervisor's language
 * (issue #14); `values` fill its blanks: the allowed values, a range and scale, an earlier line, a
 * count. `message` says the same in English for API users.
 */
export const CX_IMPORT_PROBLEMS = [
  'missing',
  'app',
  'recordIdEmpty',
  'recordIdLong',
  'metric',
  'scoreWhole',
  'scoreRange',
  'scale',
  'dateFormat',
  'dateUnreal',
  'dateFuture',
  'datePast',
  'duplicate',
  'more',
  'invalid',
] as const;
export type CxImportProblemCode = (typeof CX_IMPORT_PROBLEMS)[number];

export const cxImportProblemSchema = z.object({
  /** The column at fault; null for the row as a whole. */
  field: z.enum(CX_IMPORT_COLUMNS).nullable(),
  code: z.enum(CX_IMPORT_PROBLEMS),
  values: z.array(z.union([z.string(), z.number()])).max(10),
});
export type CxImportProblem = z.infer<typeof cxImportProblemSchema>;

/** A row the import refused, by line (CSV: the file's line, header = 1; JSON: index + 1). */
export const cxImportErrorSchema = z.object({
  line: z.number().int().positive(),
  message: z.string(),
  problems: z.array(cxImportProblemSchema).max(3),
});
export type CxImportError = z.infer<typeof cxImportErrorSchema>;

/**
 * The answer to `POST /v1/cx/import` (supervisor, admin): rows stored or changed (`imported`),
 * rows already there with the same values (`unchanged`), and the refused rows.
 */
export const cxImportResponseSchema = z.object({
  imported: count,
  unchanged: count,
  errors: z.array(cxImportErrorSchema),
});
export type CxImportResponse = z.infer<typeof cxImportResponseSchema>;
