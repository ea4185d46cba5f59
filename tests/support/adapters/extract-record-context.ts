import type { AdapterDefinition } from '../../../lib/adapters/definition';
import { recordContextSchema } from '../../../lib/context/record-context';
import { describeIssues } from '../../../contract/validation';
import { readRecord, type ReadResult } from '../../../lib/adapters/read-record';

export {
  adapterCoversUrl,
  matchRecordUrl,
  compileMatchPattern,
} from '../../../lib/adapters/read-record';

/**
 * `readRecord` plus the zod parse the background applies on receipt: the adapter engine's full
 * contract (`RecordContext` or a reason), for adapter tests. Never throws.
 */
export function extractRecordContext(
  adapter: AdapterDefinition,
  page: { url: string; document: Document },
  now: number,
): ReadResult {
  const read = readRecord(adapter, page, now);
  if (!read.ok) return read;
  const parsed = recordContextSchema.safeParse(read.context);
  if (!parsed.success)
    return { ok: false, reason: `${adapter.id}: ${describeIssues(parsed.error)}` };
  return { ok: true, context: parsed.data };
}
