import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CX_IMPORT_MAX_BODY_BYTES,
  cxImportResponseSchema,
  type CxImportResponse,
} from '../../../contract/report';
import { API_PATHS } from '../../../contract/api';
import { createRecordHasher } from '../../../contract/record-hash';
import { teamIdSchema } from '../auth/tokens';
import { importCx, tooFarAhead } from '../cx/cx-import';
import type { CxRepository } from '../db/cx-repository';
import type { TeamsRepository } from '../db/teams-repository';
import { principalOf, SUPERVISORS, type Guard } from '../http/access';
import { checkBodyHeaders, CSV_BODY, JSON_BODY } from '../http/body-parsers';
import { HttpError } from '../http/http-error';
import type { RateLimiter } from '../rate-limit';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

export type CxRouteDeps = {
  guard: Guard;
  teams: Pick<TeamsRepository, 'getTeam' | 'getWebhookSecret'>;
  cx: CxRepository;
  /** Per team, for webhook calls that presented the right secret. */
  rateLimit: RateLimiter;
  /** Per source address, for webhook calls that did not (issue #13, item 3). */
  webhookFailures: RateLimiter;
  now: () => number;
};

/** The header a CRM webhook carries the team's webhook secret in. */
export const WEBHOOK_SECRET_HEADER = 'x-touchpoint-webhook-secret';

/**
 * What the Zendesk trigger sends (docs/collector.md, "CX data and reports"): a JSON body built from placeholders,
 * `{"ticket_id": "{{ticket.id}}", "satisfaction_rating": {"score": "{{satisfaction.current_rating}}"},
 * "updated_at": "{{ticket.updated_at_with_timestamp}}"}`. Extra fields are ignored: the trigger's
 * template is Zendesk's to extend, unlike the collector's own request objects, which are strict.
 */
const zendeskRatingSchema = z.object({
  ticket_id: z.union([
    z
      .string()
      .trim()
      .regex(/^\d{1,20}$/),
    z.number().int().positive(),
  ]),
  satisfaction_rating: z.object({ score: z.string().trim().toLowerCase() }),
  updated_at: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), {
      message: 'updated_at is not a date',
      abort: true,
    })
    // Date.parse takes years up to ±275760, which PostgreSQL cannot store (a 500, not a 400).
    .refine((value) => Date.parse(value) >= 0, 'updated_at is before 1970')
    .optional(),
});

/** Zendesk's good/bad rating on the 1–5 CSAT scale, as the extension maps it (cx.observed). */
const ZENDESK_SCORES: Record<string, number> = { good: 5, bad: 1 };

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A CX import body: CSV text (parsed row by row by cx-import.ts), or JSON rows, bare or as
 * `{rows}`. Rows are checked one by one there, so that a bad row never fails the file.
 */
const cxImportBodySchema = z.union([
  z.string().describe('text/csv: a header row (app,record_id,metric,score,scale,date), then rows'),
  z.array(z.unknown()),
  z.strictObject({ rows: z.array(z.unknown()) }),
]);

const webhookQuerySchema = z.strictObject({ team: teamIdSchema });

export function registerCxRoutes(app: CollectorApp, deps: CxRouteDeps): void {
  /** `POST /v1/cx/import` (supervisor, admin): CSV or JSON rows; see server/src/cx/cx-import.ts. */
  app.route({
    method: 'POST',
    url: API_PATHS.cxImport,
    bodyLimit: CX_IMPORT_MAX_BODY_BYTES,
    schema: {
      summary: 'Import CX scores (CSV or JSON rows)',
      consumes: [CSV_BODY.name, JSON_BODY.name],
      body: cxImportBodySchema,
      response: { 200: cxImportResponseSchema, ...errorResponses(...GUARDED, ...WITH_BODY, 404) },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'import CX data' }),
    preParsing: checkBodyHeaders([CSV_BODY, JSON_BODY]),
    async handler(request) {
      const { team } = principalOf(request);
      const csv = CSV_BODY.pattern.test((request.headers['content-type'] ?? '').trim());
      const body = request.body;
      const result: CxImportResponse = await importCx(
        { getTeam: deps.teams.getTeam, upsertCxScores: deps.cx.upsertCxScores },
        team,
        csv && typeof body === 'string'
          ? { type: 'csv', text: body }
          : { type: 'json', value: body },
        deps.now(),
      );
      Object.assign(request.logFields, {
        imported: result.imported,
        unchanged: result.unchanged,
        refused: result.errors.length,
      });
      return result;
    },
  });

  const unauthorized = () =>
    new HttpError(
      401,
      'unauthorized',
      `needs ?team= and the team's webhook secret in ${WEBHOOK_SECRET_HEADER}`,
    );

  /**
   * The secret is checked first, so that no caller without it can spend the team's allowance;
   * failed attempts are limited per source address instead, so a wrong secret sent from one place
   * never locks out the right one sent from another (issue #13, item 3). Runs before the body is
   * read.
   */
  async function checkWebhookSecret(request: FastifyRequest) {
    const team = teamIdSchema.safeParse((request.query as { team?: unknown }).team);
    const given = request.headers[WEBHOOK_SECRET_HEADER];
    const record =
      team.success && typeof given === 'string' ? await deps.teams.getTeam(team.data) : null;
    const secret = record ? await deps.teams.getWebhookSecret(record.id) : null;
    if (!record || !secret || typeof given !== 'string' || !sameSecret(given, secret)) {
      const failures = deps.webhookFailures(`webhook-failure:${request.ip}`, deps.now());
      if (!failures.allowed) {
        throw new HttpError(
          429,
          'rate_limited',
          `too many failed webhook calls from this address; retry in ${failures.retryAfterSeconds} s`,
          { 'Retry-After': String(failures.retryAfterSeconds) },
        );
      }
      throw unauthorized();
    }
    const decision = deps.rateLimit(`webhook:${record.id}`, deps.now());
    if (!decision.allowed) {
      throw new HttpError(429, 'rate_limited', 'too many webhook calls for this team', {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    request.logFields.team = record.id;
    request.webhookTeam = record;
  }

  /**
   * `POST /v1/cx/webhook/zendesk?team=T`: a satisfaction rating from a Zendesk webhook, with the
   * team's webhook secret in `X-Touchpoint-Webhook-Secret` (no bearer token: Zendesk holds none).
   */
  app.route({
    method: 'POST',
    url: API_PATHS.cxWebhookZendesk,
    schema: {
      summary: 'A satisfaction rating from a Zendesk trigger',
      querystring: webhookQuerySchema,
      headers: z.looseObject({ [WEBHOOK_SECRET_HEADER]: z.string() }),
      body: zendeskRatingSchema,
      response: {
        200: z.object({ stored: z.boolean() }),
        202: z.object({ stored: z.literal(false), reason: z.string() }),
        ...errorResponses(401, 429, ...WITH_BODY),
      },
    },
    onRequest: checkWebhookSecret,
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request, reply) {
      const record = request.webhookTeam;
      if (!record) throw unauthorized();
      const rating = request.body;
      const score = ZENDESK_SCORES[rating.satisfaction_rating.score];
      // "offered" and "unoffered" are not ratings: nothing to store.
      if (score === undefined) {
        return reply.code(202).send({ stored: false as const, reason: 'not a rating' });
      }
      const recordHash = (await createRecordHasher(record.hashSecret)(
        'zendesk',
        String(rating.ticket_id),
      ))!;
      const now = deps.now();
      const observedAt = rating.updated_at ? Date.parse(rating.updated_at) : now;
      if (tooFarAhead(observedAt, now)) {
        throw new HttpError(
          400,
          'bad_request',
          `request body: updated_at: ${rating.updated_at} is more than a day in the future`,
        );
      }
      const changed = await deps.cx.upsertCxScores(record.id, [
        {
          recordHash,
          app: 'zendesk',
          metric: 'csat',
          source: 'webhook',
          score,
          scale: '1-5',
          observedAt: new Date(observedAt),
        },
      ]);
      return reply.code(200).send({ stored: changed > 0 });
    },
  });
}
