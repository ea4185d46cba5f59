import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../../contract/api';

/** The collector's Fastify instance: routes declare zod schemas, handlers get their types. */
export type CollectorApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Statuses every route may answer with the contract's error shape, whatever it does. */
const ALWAYS = [500, 503] as const;

/**
 * The error answers of a route, for its response schema: each one is `errorResponseSchema`, so
 * the OpenAPI document lists them and the serializer checks them.
 */
export function errorResponses(...statuses: number[]): Record<number, typeof errorResponseSchema> {
  return Object.fromEntries(
    [...statuses, ...ALWAYS].map((status) => [status, errorResponseSchema]),
  );
}

/** Errors of a route that needs a token: no or bad token, wrong role, too many requests. */
export const GUARDED = [401, 403, 429] as const;
/** Errors of a route that reads a body: bad content, too large, wrong type or encoding. */
export const WITH_BODY = [400, 413, 415] as const;
