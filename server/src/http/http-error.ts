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

/** Fewer issues than this are named one by one; the rest are counted. */
const NAMED_ISSUES = 5;

/**
 * "where: what" for each issue, the path joined with dots, as `describeIssues` in
 * contract/validation.ts words them; fed from Fastify's validation errors, which carry the zod
 * issue's path in `instancePath` ("/events/0/id").
 */
export function describeValidation(
  issues: readonly { instancePath: string; message?: string; keyword?: string; params?: unknown }[],
): string {
  const parts = issues.slice(0, NAMED_ISSUES).map((issue) => {
    const where = issue.instancePath.split('/').filter(Boolean).join('.');
    const message = issue.message ?? 'invalid';
    return where ? `${where}: ${message}` : message;
  });
  const more = issues.length > NAMED_ISSUES ? ` (+${issues.length - NAMED_ISSUES} more)` : '';
  return parts.join('; ') + more;
}

/** What a request part is called in an error message. */
export const PART_NAMES: Record<string, string> = {
  body: 'request body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
};
