import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CX_IMPORT_MAX_BODY_BYTES } from '../../../contract/report';
import { API_PATHS } from '../../../contract/api';
import { createRecordHasher } from '../../../contract/record-hash';
import { importCx } from '../cx/cx-import';
import { HttpError, parseOr400 } from '../http/http-error';
import { readCsvOrJsonBody } from '../http/read-body';
import { SUPERVISORS, type AuthedRoute, type PublicRoute } from './route';
import { teamIdSchema } from '../auth/tokens';

/** `POST /v1/cx/import` (supervisor, admin): CSV or JSON rows; see server/src/cx/cx-import.ts. */
export const cxImportRoute: AuthedRoute = {
  method: 'POST',
  path: API_PATHS.cxImport,
  access: SUPERVISORS,
  action: 'import CX data',
  async handle({ principal, deps, req }) {
    const body = await readCsvOrJsonBody(req, CX_IMPORT_MAX_BODY_BYTES);
    const result = await importCx(deps.db, principal.team, body);
    return {
      status: 200,
      body: result,
      logFields: {
        imported: result.imported,
        unchanged: result.unchanged,
        refused: result.errors.length,
      },
    };
  },
};

/** The header a CRM webhook carries the team's webhook secret in. */
export const WEBHOOK_SECRET_HEADER = 'x-touchpoint-webhook-secret';

/**
 * What the Zendesk trigger sends (README, "CX data"): a JSON body built from placeholders,
 * `{"ticket_id": "{{ticket.id}}", "satisfaction_rating": {"score": "{{satisfaction.current_rating}}"},
 * "updated_at": "{{ticket.updated_at_with_timestamp}}"}`. Extra fields are ignored.
 */
export const zendeskRatingSchema = z.object({
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
    .refine((value) => !Number.isNaN(Date.parse(value)), 'updated_at is not a date')
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
 * `POST /v1/cx/webhook/zendesk?team=T`: a satisfaction rating from a Zendesk webhook, with the
 * team's webhook secret in `X-Touchpoint-Webhook-Secret` (no bearer token: Zendesk holds none).
 */
export const zendeskWebhookRoute: PublicRoute = {
  method: 'POST',
  path: API_PATHS.cxWebhookZendesk,
  access: 'public',
  async handle({ deps, query, req, readJson }) {
    const team = teamIdSchema.safeParse(query.get('team'));
    const given = req.headers[WEBHOOK_SECRET_HEADER];
    const unauthorized = new HttpError(
      401,
      'unauthorized',
      `needs ?team= and the team's webhook secret in ${WEBHOOK_SECRET_HEADER}`,
    );
    if (!team.success || typeof given !== 'string') throw unauthorized;
    const decision = deps.rateLimit(`webhook:${team.data}`, deps.now());
    if (!decision.allowed) {
      throw new HttpError(429, 'rate_limited', 'too many webhook calls for this team', {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    const record = await deps.db.getTeam(team.data);
    const secret = record ? await deps.db.getWebhookSecret(team.data) : null;
    if (!record || !secret || !sameSecret(given, secret)) throw unauthorized;
    const rating = parseOr400(zendeskRatingSchema, await readJson(), 'request body');
    const score = ZENDESK_SCORES[rating.satisfaction_rating.score];
    // "offered" and "unoffered" are not ratings: nothing to store.
    if (score === undefined)
      return { status: 202, body: { stored: false, reason: 'not a rating' } };
    const recordHash = (await createRecordHasher(record.hashSecret)(
      'zendesk',
      String(rating.ticket_id),
    ))!;
    const changed = await deps.db.upsertCxScores(team.data, [
      {
        recordHash,
        app: 'zendesk',
        metric: 'csat',
        source: 'webhook',
        score,
        scale: '1-5',
        observedAt: new Date(rating.updated_at ? Date.parse(rating.updated_at) : deps.now()),
      },
    ]);
    return { status: 200, body: { stored: changed > 0 }, logFields: { team: team.data } };
  },
};
