import { z } from 'zod';
import { describeIssues } from '../../contract/validation';
import type { RequestTable } from './router';

const replySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/**
 * Sends a request through `send` (e.g. `browser.runtime.sendMessage`) and validates the answer
 * against its schema in `table` (`BACKGROUND_REQUESTS` or one of its parts: a page that imports
 * only its part builds only those schemas).
 */
export async function sendRequest<T extends RequestTable, K extends keyof T & string>(
  send: (message: unknown) => Promise<unknown>,
  table: T,
  type: K,
  payload: z.infer<T[K]['request']>,
): Promise<z.infer<T[K]['response']>> {
  const reply = replySchema.safeParse(await send({ type, payload }));
  if (!reply.success) throw new Error(`${type}: malformed reply: ${describeIssues(reply.error)}`);
  if (!reply.data.ok) throw new Error(reply.data.error);
  const response = table[type]!.response.safeParse(reply.data.data);
  if (!response.success)
    throw new Error(`${type}: invalid response: ${describeIssues(response.error)}`);
  return response.data as z.infer<T[K]['response']>;
}
