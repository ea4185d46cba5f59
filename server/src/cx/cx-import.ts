import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import { appIdSchema } from '../../../contract/ids';
import {
  CX_IMPORT_COLUMNS,
  CX_IMPORT_MAX_ROWS,
  CX_METRICS,
  CX_SCALES,
  type CxImportProblem,
  type CxImportResponse,
} from '../../../contract/report';
import { canonicalRecordId } from '../../../contract/record-fields';
import { createRecordHasher } from '../../../contract/record-hash';
import type { CxRepository } from '../db/cx-repository';
import type { CxScore } from '../db/database';
import type { TeamsRepository } from '../db/teams-repository';
import { HttpError } from '../http/http-error';
import { parseCsv } from './csv';

// CX import (issue #7): rows of (app, record id, metric, score, scale, date) as CSV or JSON. Each
// row is checked on its own: a bad row is reported with its line and naming the field, the good
// rows are kept. Record ids are hashed with the team's secret exactly as the extension hashes them
// (contract/record-hash.ts, HMAC of `app:recordId`, the id in its canonicalRecordId form) and
// dropped: only the hash is stored.

/** Rows refused beyond this many are counted in one last error, to keep the answer small. */
export const MAX_REPORTED_ERRORS = 1000;
/** Rows checked between two turns of the event loop. */
const YIELD_EVERY = 1000;

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A date as a German, French or Italian spreadsheet saves one it read from an export:
 * `05.01.2026` or `05.01.2026 10:00` (day first, as every locale that writes dots does).
 */
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A dotted date as ISO 8601 (a time without a zone taken as UTC); anything else as it is. */
function fromDottedDate(value: string): string {
  const match = DOTTED_DATE.exec(value);
  if (!match) return value;
  const [, day, month, year, hours, minutes, seconds] = match;
  const pad = (part: string | undefined) => (part ?? '0').padStart(2, '0');
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return hours === undefined ? date : `${date}T${pad(hours)}:${minutes}:${pad(seconds)}Z`;
}

/** Date.parse rolls 2026-02-30 over to March; a real date reads back the same. */
function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A row's date as a date-time: a bare date is that day's start in UTC. */
const observedAtText = (date: string) => (date.length === 10 ? `${date}T00:00:00Z` : date);

/**
 * How far ahead an imported or webhook date may be: a date in the CSAT export's own zone can be
 * most of a day ahead of the collector's UTC, while a typo of the year (2206 for 2026) would make
 * that score outrank every later rating of its record for good (`bestCsat` in
 * db/cx-repository.ts takes the latest).
 */
export const CX_MAX_FUTURE_MS = 86_400_000;

/** Whether a score observed at `observedAt` (epoch ms) lies too far ahead of `now` to be kept. */
export const tooFarAhead = (observedAt: number, now: number) => observedAt > now + CX_MAX_FUTURE_MS;

const WHOLE_NUMBER_TEXT = /^\s*-?\d+\s*$/;

/**
 * A whole number, as a JSON number or decimal digits. Not `z.coerce.number()`: that read a blank
 * CSV cell or `null` as 0 (the worst NPS), `true` as 1, `[3]` as 3, `"0x5"` as 5 and `"1e1"` as 10.
 */
const scoreSchema = z.unknown().transform((value, ctx): number => {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    ctx.addIssue({ code: 'custom', message: 'score is missing', params: { problem: 'missing' } });
    return z.NEVER;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value)) return Number(value);
  ctx.addIssue({
    code: 'custom',
    message: 'score must be a whole number',
    params: { problem: 'scoreWhole' },
  });
  return z.NEVER;
});

export const cxImportRowSchema = z
  .object({
    app: appIdSchema,
    record_id: z.string().trim().min(1, 'record_id is empty').max(200),
    metric: z.enum(CX_METRICS),
    score: scoreSchema,
    scale: z.string().trim(),
    date: z
      .string()
      .trim()
      .overwrite(fromDottedDate)
      .regex(DATE, 'date must be YYYY-MM-DD, DD.MM.YYYY or an ISO 8601 date-time with a zone')
      .refine(isRealDate, {
        message: 'date does not exist',
        params: { problem: 'dateUnreal' },
        abort: true,
      })
      // As the webhook: a year such as 0100 is a typo, and no interaction is that old to join.
      .refine((value) => Date.parse(observedAtText(value)) >= 0, {
        message: 'date is before 1970',
        params: { problem: 'datePast' },
      }),
  })
  .superRefine((row, ctx) => {
    const scales: Record<string, readonly [number, number]> = CX_SCALES[row.metric];
    const range = scales[row.scale];
    if (!range) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: `${row.metric} scale must be ${Object.keys(scales).join(' or ')}`,
        params: { problem: 'scale', values: [row.metric, ...Object.keys(scales)] },
      });
    } else if (row.score < range[0] || row.score > range[1]) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `score must be ${range[0]}–${range[1]} on scale ${row.scale}`,
        params: { problem: 'scoreRange', values: [range[0], range[1], row.scale] },
      });
    }
  });

type Candidate = { line: number; value: unknown };
type LineError = { line: number; message: string; problems: CxImportProblem[] };

const tooManyRows = () =>
  new HttpError(
    413,
    'payload_too_large',
    `the import has more than ${CX_IMPORT_MAX_ROWS} rows; split it into files of at most ${CX_IMPORT_MAX_ROWS}`,
  );

/** CSV records as objects keyed by the header; the header must name every column. */
function csvCandidates(text: string): Candidate[] {
  let records;
  try {
    // The header, the most rows allowed and one more, to tell that there were more.
    records = parseCsv(text, CX_IMPORT_MAX_ROWS + 2);
  } catch (error) {
    throw new HttpError(400, 'bad_request', (error as Error).message);
  }
  const [header, ...rows] = records;
  if (!header) throw new HttpError(400, 'bad_request', 'the CSV has no header row');
  if (rows.length > CX_IMPORT_MAX_ROWS) throw tooManyRows();
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = CX_IMPORT_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new HttpError(
      400,
      'bad_request',
      `the CSV header lacks ${missing.join(', ')} (expected ${CX_IMPORT_COLUMNS.join(',')})`,
    );
  }
  // Looked up once: per row, a header of 10,000 columns cost 60,000 comparisons.
  const positions = CX_IMPORT_COLUMNS.map((column) => names.indexOf(column));
  return rows.map(({ line, fields }) => ({
    line,
    value: Object.fromEntries(
      CX_IMPORT_COLUMNS.map((column, index) => [column, fields[positions[index]!]]),
    ),
  }));
}

function jsonCandidates(value: unknown): Candidate[] {
  const rows = Array.isArray(value)
    ? value
    : value !== null &&
        typeof value === 'object' &&
        Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : null;
  if (!rows) throw new HttpError(400, 'bad_request', 'the JSON body must be an array of rows');
  if (rows.length > CX_IMPORT_MAX_ROWS) throw tooManyRows();
  return rows.map((row, index) => ({ line: index + 1, value: row }));
}

const ISSUES_SHOWN = 3;

const describe = (error: z.ZodError) =>
  error.issues
    .slice(0, ISSUES_SHOWN)
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');

const isColumn = (name: unknown): name is CxImportProblem['field'] & string =>
  (CX_IMPORT_COLUMNS as readonly unknown[]).includes(name);

/** One zod issue of a row as a problem code the console translates (contract/report.ts). */
function problemOf(issue: z.core.$ZodIssue, row: unknown): CxImportProblem {
  const field = isColumn(issue.path[0]) ? issue.path[0] : null;
  const params = (
    issue as { params?: { problem?: CxImportProblem['code']; values?: (string | number)[] } }
  ).params;
  if (params?.problem) return { field, code: params.problem, values: params.values ?? [] };
  const given = field === null ? undefined : (row as Record<string, unknown> | null)?.[field];
  if (field !== null && (given === undefined || given === null)) {
    return { field, code: 'missing', values: [] };
  }
  switch (field) {
    case 'app':
      return { field, code: 'app', values: [] };
    case 'record_id':
      return {
        field,
        code: issue.code === 'too_big' ? 'recordIdLong' : 'recordIdEmpty',
        values: [],
      };
    case 'metric':
      return { field, code: 'metric', values: [...CX_METRICS] };
    case 'score':
      return { field, code: 'scoreWhole', values: [] };
    case 'date':
      return { field, code: 'dateFormat', values: [] };
    default:
      return { field, code: 'invalid', values: [] };
  }
}

const problemsOf = (error: z.ZodError, row: unknown) =>
  error.issues.slice(0, ISSUES_SHOWN).map((issue) => problemOf(issue, row));

/** When a valid row's score was observed: a bare date is that day's start in UTC. */
const observedAtOf = (date: string) => new Date(observedAtText(date));

/**
 * Validates, hashes and stores the rows of one import; see the module comment. `now` is the
 * collector's clock, for refusing dates more than `CX_MAX_FUTURE_MS` ahead.
 */
export async function importCx(
  db: Pick<TeamsRepository, 'getTeam'> & Pick<CxRepository, 'upsertCxScores'>,
  team: string,
  body: { type: 'csv'; text: string } | { type: 'json'; value: unknown },
  now: number,
): Promise<CxImportResponse> {
  const teamRecord = await db.getTeam(team);
  if (!teamRecord) throw new HttpError(404, 'not_found', `no team ${team}`);
  const hash = createRecordHasher(teamRecord.hashSecret);
  const candidates = body.type === 'csv' ? csvCandidates(body.text) : jsonCandidates(body.value);
  const refused = refusedRows();
  const scores: CxScore[] = [];
  const firstLine = new Map<string, number>();
  for (const [index, { line, value }] of candidates.entries()) {
    // Other teams' requests wait while this loop runs: 200,000 refused rows are seconds of it.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    const parsed = cxImportRowSchema.safeParse(value);
    if (!parsed.success) {
      const { error } = parsed;
      refused.add(line, () => ({ message: describe(error), problems: problemsOf(error, value) }));
      continue;
    }
    const row = parsed.data;
    const observedAt = observedAtOf(row.date);
    if (tooFarAhead(observedAt.getTime(), now)) {
      refused.add(line, () => ({
        message: 'date: more than a day in the future',
        problems: [{ field: 'date', code: 'dateFuture', values: [] }],
      }));
      continue;
    }
    // The id in the form the extension hashes: a Salesforce report's 15-character id joins the
    // interactions recorded on Lightning pages, which show the 18-character one.
    const recordHash = (await hash(row.app, canonicalRecordId(row.app, row.record_id)))!;
    const key = `${recordHash}:${row.metric}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      refused.add(line, () => ({
        message: `record_id: repeats the record and metric of line ${earlier}`,
        problems: [{ field: 'record_id', code: 'duplicate', values: [earlier] }],
      }));
      continue;
    }
    firstLine.set(key, line);
    scores.push({
      recordHash,
      app: row.app,
      metric: row.metric,
      source: 'import',
      score: row.score,
      scale: row.scale,
      observedAt,
    });
  }
  let imported = 0;
  for (let at = 0; at < scores.length; at += 5000) {
    imported += await db.upsertCxScores(team, scores.slice(at, at + 5000));
  }
  return { imported, unchanged: scores.length - imported, errors: refused.shown() };
}

/**
 * The refused rows an answer names: the first `MAX_REPORTED_ERRORS` in full, the rest counted in
 * one last error. Only those are worded and kept (5 million refused rows once took gigabytes).
 */
function refusedRows() {
  const named: LineError[] = [];
  let count = 0;
  let firstUnnamed = 0;
  return {
    add(line: number, error: () => Omit<LineError, 'line'>) {
      count++;
      if (named.length < MAX_REPORTED_ERRORS) named.push({ line, ...error() });
      else if (firstUnnamed === 0) firstUnnamed = line;
    },
    shown(): LineError[] {
      const more = count - named.length;
      if (more === 0) return named;
      return [
        ...named,
        {
          line: firstUnnamed,
          message: `and ${more} more refused rows from this line on`,
          problems: [{ field: null, code: 'more', values: [more] }],
        },
      ];
    },
  };
}
