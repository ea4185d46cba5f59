/** Where an effective setting's value comes from, highest precedence first (PRODUCT.md). */
export const SETTING_SOURCES = ['managed', 'team', 'agent', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

/** Where a setting's value comes from, and whether anyone below the admin may change it. */
export type SettingState = { source: SettingSource; locked: boolean };
