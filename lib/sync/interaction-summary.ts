import { parseRecordKey } from '../../contract/record-fields';
import type { InteractionEndedOutput } from '../tracking/outputs';
import type { z } from 'zod';
import type { interactionSummarySchema } from '../../contract/events';

/** What may leave the browser of an interaction: figures, app, record type and keyed hash. */
export function interactionSummaryOf(
  output: InteractionEndedOutput,
  recordHash: string | null,
): z.infer<typeof interactionSummarySchema> {
  return {
    app: output.app,
    recordType: parseRecordKey(output.recordKey).recordType,
    recordHash,
    start: output.start,
    end: output.end,
    endReason: output.endReason,
    handleMs: output.handleMs,
    awayMs: output.awayMs,
    outsideMs: output.outsideMs,
    switchCount: output.switchCount,
    inAppTabSwitches: output.inAppTabSwitches,
    returns: output.returns,
    distinctApps: output.distinctApps,
    appsUsed: output.appsUsed,
  };
}
