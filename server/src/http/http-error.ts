import type { z } from 'zod';
import { describeIssues } from '../../../contract/validation';

/** A whole-request failure, answered as `errorResponseSchema` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Parses `value` or throws a 400 whose message names the offending fields. */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(400, 'bad_request', `${what}: ${describeIssues(parsed.error, 5)}`);
  }
  return parsed.data;
}
