import { z } from 'zod';

/**
 * Version of the settings' shape (names and value forms). Stored agent choices and the cached team
 * policy carry the version they were written with; a team policy may carry one too (`schemaVersion`
 * in its values, written by the console). Raise it when a setting is renamed or reshaped, and add
 * the step from the previous version to `SETTINGS_MIGRATIONS`.
 */
export const SETTINGS_SCHEMA_VERSION = 1;

/** One step: values written with version `n - 1` → values of version `n`. Pure, never throws. */
export type SettingsMigration = (values: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps by the version they produce. Version 1 is the first versioned shape (issue #6): nothing
 * to migrate yet. A rename would be `2: ({ oldName, ...rest }) => ({ ...rest, newName: oldName })`.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

/** Stored setting values with the version they were written with. */
export const versionedValuesSchema = z.object({
  schemaVersion: z.number().int().positive(),
  values: z.record(z.string(), z.unknown()),
});
export type VersionedValues = z.infer<typeof versionedValuesSchema>;

export type MigrationResult = { values: Record<string, unknown>; diagnostics: string[] };

/**
 * Brings values written with `fromVersion` to the current version, one step at a time. Values
 * from a newer version (a console or collector updated before this extension) are kept as they
 * are: each is still validated on its own, so the ones this version understands apply.
 */
export function migrateSettingValues(
  values: Record<string, unknown>,
  fromVersion: number,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
  currentVersion = SETTINGS_SCHEMA_VERSION,
): MigrationResult {
  if (fromVersion > currentVersion) {
    return {
      values,
      diagnostics: [
        `written by settings version ${fromVersion}, newer than this extension's ${currentVersion}: values it does not know are ignored`,
      ],
    };
  }
  let migrated = values;
  for (let version = fromVersion + 1; version <= currentVersion; version++) {
    const step = migrations[version];
    if (step) migrated = step(migrated);
  }
  return { values: migrated, diagnostics: [] };
}

/** Why stored versioned values were not read as they are. */
export type VersionedReadProblem =
  { kind: 'unreadable' } | { kind: 'newerVersion'; version: number; current: number };

/** Reads stored versioned values (anything else counts as no values, with a problem). */
export function readVersionedValues(
  raw: unknown,
  migrations?: Readonly<Record<number, SettingsMigration>>,
  currentVersion = SETTINGS_SCHEMA_VERSION,
): { values: Record<string, unknown>; problems: VersionedReadProblem[] } {
  if (raw === undefined || raw === null) return { values: {}, problems: [] };
  const parsed = versionedValuesSchema.safeParse(raw);
  if (!parsed.success) return { values: {}, problems: [{ kind: 'unreadable' }] };
  const { schemaVersion } = parsed.data;
  const result = migrateSettingValues(
    parsed.data.values,
    schemaVersion,
    migrations,
    currentVersion,
  );
  // The only diagnostic a migration gives: the values come from a newer settings version.
  const problems: VersionedReadProblem[] =
    result.diagnostics.length > 0
      ? [{ kind: 'newerVersion', version: schemaVersion, current: currentVersion }]
      : [];
  return { values: result.values, problems };
}

/** Values as they are stored: with the current version. */
export function versioned(values: Record<string, unknown>): VersionedValues {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, values };
}
