import { z } from 'zod';
import { teamAdaptersSchema } from '../../contract/adapter-definitions';
import { adapterHealthReportSchema } from '../../contract/adapter-health';
import { ROLES } from '../../contract/api';

// Issue #16: the console's "Adapter health" view. The background calls the collector with the
// console's token (which never reaches the page); publishing and rolling back are for admins,
// and the collector refuses anyone else.

export const ADAPTER_REQUESTS = {
  /** Hit rates per app and field for the last `days`, with the team's current definitions. */
  'console.adapterHealth': {
    from: 'extension',
    request: z.object({ days: z.number().int().min(1).max(30) }),
    response: z.object({
      role: z.enum(ROLES),
      report: adapterHealthReportSchema,
      adapters: teamAdaptersSchema,
    }),
  },
  /**
   * Publishes a new version of the definitions. `definitions` is what the admin typed, checked by
   * the collector (the console checks it too, to name problems before sending).
   */
  'console.publishAdapters': {
    from: 'extension',
    request: z.object({ baseVersion: z.number().int().nonnegative(), definitions: z.unknown() }),
    response: teamAdaptersSchema,
  },
  /** Publishes the previous version's definitions again, as a new version. */
  'console.rollbackAdapters': {
    from: 'extension',
    request: z.object({}),
    response: teamAdaptersSchema,
  },
} as const;
