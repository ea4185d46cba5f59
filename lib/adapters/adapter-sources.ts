/** Where an adapter, or one of its fields, comes from; earlier wins (issue #16). */
export const ADAPTER_SOURCES = ['policy', 'collector', 'built-in'] as const;
export type AdapterSource = (typeof ADAPTER_SOURCES)[number];
