import { z } from 'zod';
import {
  API_PATHS,
  auditListSchema,
  errorResponseSchema,
  healthSchema,
  ingestRequestSchema,
  ingestResponseSchema,
  policyUpdateSchema,
  teamPolicySchema,
  whoamiSchema,
} from '../../contract/api';
import { outboxEventSchema } from '../../contract/events';
import { cxImportResponseSchema, REPORT_CSV_TABLES, reportSchema } from '../../contract/report';

/** JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of a contract schema. */
export function toComponentSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const error = (description: string) => json('Error', description);

const AUTH_ERRORS = {
  401: error('Missing, unknown or revoked token'),
  403: error("The token's role may not do this"),
  429: error('Rate limited; see Retry-After (seconds)'),
  503: error('The collector is shutting down'),
};
const BODY_ERRORS = {
  400: error(
    'Malformed JSON or a body that does not match the schema; the message names the field',
  ),
  413: error('Body over the size limit, before or after gzip'),
  415: error('Content-Type is not application/json or Content-Encoding is not gzip/identity'),
};

const WEEK_PARAMETERS = ['from', 'to'].map((name) => ({
  name,
  in: 'query',
  required: true,
  schema: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' },
}));

/** The collector's OpenAPI 3.1 document, generated from the shared zod contract. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Touchpoint collector',
      version: '1',
      description:
        'Ingests outbox events idempotently per (team, event id) and serves team policy. Every token belongs to one team.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        IngestRequest: toComponentSchema(ingestRequestSchema, 'input'),
        OutboxEvent: toComponentSchema(outboxEventSchema, 'input'),
        IngestResponse: toComponentSchema(ingestResponseSchema, 'output'),
        TeamPolicy: toComponentSchema(teamPolicySchema, 'output'),
        PolicyUpdate: toComponentSchema(policyUpdateSchema, 'input'),
        AuditList: toComponentSchema(auditListSchema, 'output'),
        Whoami: toComponentSchema(whoamiSchema, 'output'),
        Health: toComponentSchema(healthSchema, 'output'),
        Error: toComponentSchema(errorResponseSchema, 'output'),
        Report: toComponentSchema(reportSchema, 'output'),
        CxImportResponse: toComponentSchema(cxImportResponseSchema, 'output'),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      [API_PATHS.events]: {
        post: {
          summary:
            'Send a batch of events (each one an OutboxEvent, checked one by one). Any role.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('IngestRequest') } },
          },
          responses: {
            200: json('IngestResponse', 'Every event stored or a duplicate'),
            422: json('IngestResponse', 'Some events rejected; the others are committed'),
            ...BODY_ERRORS,
            ...AUTH_ERRORS,
          },
        },
      },
      [API_PATHS.policy]: {
        get: {
          summary: "The team's policy; ETag, If-None-Match → 304. Any role.",
          responses: {
            200: json('TeamPolicy', 'The policy (version 0 and empty when never set)'),
            304: { description: 'Unchanged since the ETag given in If-None-Match' },
            ...AUTH_ERRORS,
          },
        },
        put: {
          summary:
            'Replace the team policy; If-Match guards against lost updates. Supervisor, admin.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('PolicyUpdate') } },
          },
          responses: {
            200: json('TeamPolicy', 'The stored policy with its new version'),
            ...BODY_ERRORS,
            412: error('If-Match does not name the current version'),
            ...AUTH_ERRORS,
          },
        },
      },
      [API_PATHS.policyAudit]: {
        get: {
          summary: 'Policy changes, one entry per setting, newest first. Supervisor, admin.',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            },
          ],
          responses: { 200: json('AuditList', 'Audit entries'), ...AUTH_ERRORS },
        },
      },
      [API_PATHS.reports]: {
        get: {
          summary:
            'EX × CX report of the team for whole ISO weeks; groups below the minimum size are suppressed. Supervisor, admin.',
          parameters: WEEK_PARAMETERS,
          responses: {
            200: json('Report', 'The report'),
            400: error('Malformed or reversed weeks, or more than 104 weeks'),
            ...AUTH_ERRORS,
          },
        },
      },
      [API_PATHS.reportsCsv]: {
        get: {
          summary: 'One table of the report as CSV (the same suppression). Supervisor, admin.',
          parameters: [
            ...WEEK_PARAMETERS,
            {
              name: 'table',
              in: 'query',
              required: true,
              schema: { enum: [...REPORT_CSV_TABLES] },
            },
          ],
          responses: {
            200: { description: 'CSV with a header row', content: { 'text/csv': {} } },
            400: error('Malformed query'),
            ...AUTH_ERRORS,
          },
        },
      },
      [API_PATHS.cxImport]: {
        post: {
          summary:
            'Import CX scores (CSV with header app,record_id,metric,score,scale,date, or a JSON array of such objects). Record ids are hashed with the team secret and discarded; re-importing changes nothing. Supervisor, admin.',
          requestBody: {
            required: true,
            content: { 'text/csv': {}, 'application/json': { schema: { type: 'array' } } },
          },
          responses: {
            200: json('CxImportResponse', 'Rows imported, unchanged, and refused by line'),
            ...BODY_ERRORS,
            ...AUTH_ERRORS,
          },
        },
      },
      [API_PATHS.cxWebhookZendesk]: {
        post: {
          summary:
            "A Zendesk satisfaction rating ({ticket_id, satisfaction_rating: {score: good|bad}, updated_at}); ?team=T and the team's webhook secret in X-Touchpoint-Webhook-Secret.",
          security: [],
          parameters: [{ name: 'team', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Stored ({stored: true}) or already known ({stored: false})' },
            202: { description: 'Not a rating (offered, unoffered): nothing stored' },
            ...BODY_ERRORS,
            401: error('Missing team or wrong webhook secret'),
            429: error('Rate limited'),
          },
        },
      },
      [API_PATHS.whoami]: {
        get: {
          summary: "The presented token's team, role and name.",
          responses: { 200: json('Whoami', 'Who the token is'), ...AUTH_ERRORS },
        },
      },
      [API_PATHS.health]: {
        get: {
          summary: 'Liveness and database reachability (no token).',
          security: [],
          responses: {
            200: json('Health', 'Up'),
            503: error('Database unreachable or shutting down'),
          },
        },
      },
      [API_PATHS.openapi]: {
        get: {
          summary: 'This document (no token).',
          security: [],
          responses: { 200: { description: 'OpenAPI 3.1 document' } },
        },
      },
    },
  };
}
