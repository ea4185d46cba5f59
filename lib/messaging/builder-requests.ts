import { z } from 'zod';

// Issue #16: the visual adapter builder in the side panel. Privileged: extension pages only.

export const BUILDER_REQUESTS = {
  /**
   * May this browser build adapters (`adapterBuilder` in managed policy), and the collector it
   * may publish them to (`collectorUrl`, null when none is set).
   */
  'builder.status': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ allowed: z.boolean(), collectorUrl: z.string().nullable() }),
  },
} as const;
