import { z } from 'zod';

import { appIdSchema } from '../../contract/ids';
import {
  canonicalRecordId,
  CONTEXT_FIELDS,
  MATCHED_BY_KEYS,
  MAX_FIELD_LENGTH,
  MAX_PAGE_URL_LENGTH,
  MAX_RULE_LENGTH,
  RECORD_TYPES,
} from '../../contract/record-fields';

const fieldValue = z.string().trim().min(1).max(MAX_FIELD_LENGTH);

/** What an adapter read from one record page; parsed by the background when it arrives. */
export const recordContextSchema = z
  .object({
    app: appIdSchema,
    appName: z.string().min(1).max(80),
    recordType: z.enum(RECORD_TYPES),
    recordId: z.string().trim().min(1).max(200),
    url: z.url().max(MAX_PAGE_URL_LENGTH),
    recordNumber: fieldValue.optional(),
    subject: fieldValue.optional(),
    status: fieldValue.optional(),
    priority: fieldValue.optional(),
    customerName: fieldValue.optional(),
    customerEmail: fieldValue.optional(),
    customerPhone: fieldValue.optional(),
    organisation: fieldValue.optional(),
    customerId: fieldValue.optional(),
    csat: fieldValue.optional(),
    /** For diagnosis: which rule produced each value, e.g. `url`, `selector:#user-1-name`, `api:/api/v2/users/{requesterId}.json`. */
    matchedBy: z.partialRecord(z.enum(MATCHED_BY_KEYS), z.string().max(MAX_RULE_LENGTH)),
    /**
     * Fields the app's API answered without a value (the new requester has no phone): an earlier
     * read's value is no longer true, where a field a read merely missed keeps it.
     */
    emptied: z.array(z.enum(CONTEXT_FIELDS)).max(CONTEXT_FIELDS.length).optional(),
    observedAt: z.number().int().nonnegative(),
  })
  .transform((context) => ({
    ...context,
    // One key per record whichever id form the page's address carried (Salesforce: 15 or 18
    // characters). Here, where the background receives a record, not in the content script, which
    // stays small (issue #15 item 8): the page keys what it reads as it reads it.
    recordId: canonicalRecordId(context.app, context.recordId),
  }));
export type RecordContext = z.infer<typeof recordContextSchema>;
