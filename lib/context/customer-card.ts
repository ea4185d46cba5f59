import { z } from 'zod';
import { RECORD_TYPES } from '../../contract/record-fields';

const sourcedValue = z.object({
  value: z.string(),
  /** App ids that showed this value, most recent first. */
  sources: z.array(z.string()),
});

/** One customer as seen across apps: what the sidebar renders. Crosses the port, so it has a schema. */
export const customerCardSchema = z.object({
  name: sourcedValue.optional(),
  emails: z.array(sourcedValue),
  /** `value` is E.164 (copied, searched); `display` as the team's country writes it. */
  phones: z.array(sourcedValue.extend({ display: z.string() })),
  organisations: z.array(sourcedValue),
  customerIds: z.array(sourcedValue.extend({ app: z.string() })),
  seenIn: z.array(z.object({ app: z.string(), appName: z.string(), lastSeenAt: z.number() })),
  records: z.array(
    z.object({
      key: z.string(),
      app: z.string(),
      appName: z.string(),
      recordType: z.enum(RECORD_TYPES),
      recordId: z.string(),
      subject: z.string().optional(),
      status: z.string().optional(),
      url: z.string(),
      lastSeenAt: z.number(),
      current: z.boolean(),
    }),
  ),
  links: z.array(z.object({ app: z.string(), appName: z.string(), url: z.string() })),
});
export type CustomerCard = z.infer<typeof customerCardSchema>;
