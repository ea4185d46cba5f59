import type { ContextField } from '../../contract/record-fields';
import { t, type MessageKey } from './translate';

const FIELD_LABELS = {
  recordNumber: 'recordFieldRecordNumber',
  subject: 'recordFieldSubject',
  status: 'recordFieldStatus',
  priority: 'recordFieldPriority',
  customerName: 'recordFieldCustomerName',
  customerEmail: 'recordFieldCustomerEmail',
  customerPhone: 'recordFieldCustomerPhone',
  organisation: 'recordFieldOrganisation',
  customerId: 'recordFieldCustomerId',
  csat: 'recordFieldCsat',
} as const satisfies Record<ContextField, MessageKey>;

/** A record field as a person names it ("Customer email"), never its key. */
export const contextFieldLabel = (field: ContextField): string => t(FIELD_LABELS[field]);
