/** Record fields an admin trigger may watch: workflow fields, never customer data. */
export const TRIGGER_FIELDS = ['status', 'priority'] as const;
export type TriggerField = (typeof TRIGGER_FIELDS)[number];

/** The watchable fields of what an adapter read, for a `record.seen` event. */
export function triggerFieldsOf(
  record: Partial<Record<TriggerField, string>>,
): Partial<Record<TriggerField, string>> {
  return Object.fromEntries(
    TRIGGER_FIELDS.flatMap((field) =>
      record[field] === undefined ? [] : [[field, record[field]]],
    ),
  );
}
