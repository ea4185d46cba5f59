import {
  teamAdapterDefinitionsSchema,
  type TeamAdapterDefinitions,
  type TeamAdapterDefinitionsInput,
} from '../../contract/adapter-definitions';
import type { ContextField } from '../../contract/record-fields';
import { describeIssues } from '../../contract/validation';
import type { Extractor } from './definition';

// The console's editor of the team's adapter definitions (issue #16): what the admin typed,
// checked with the collector's own schema before it is sent, so problems are named at once.

export type DraftCheck =
  | { ok: true; definitions: TeamAdapterDefinitions }
  | { ok: false; json: string | null; problems: string[] };

/** The draft's definitions, or what is wrong with it: a JSON error, or each bad path. */
export function checkDefinitionsDraft(text: string): DraftCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      json: error instanceof Error ? error.message : String(error),
      problems: [],
    };
  }
  const parsed = teamAdapterDefinitionsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, definitions: parsed.data };
  return {
    ok: false,
    json: null,
    problems: parsed.error.issues.map((issue) =>
      describeIssues({ issues: [issue] } as Parameters<typeof describeIssues>[0]),
    ),
  };
}

/**
 * The definitions with an override of one field of a built-in adapter, starting from the
 * extractors it has now, for the admin to edit (the field flagged in the health view).
 */
export function withFieldOverride(
  definitions: TeamAdapterDefinitionsInput,
  app: string,
  field: ContextField,
  current: readonly Extractor[],
): TeamAdapterDefinitionsInput {
  const overrides = [...(definitions.overrides ?? [])];
  const index = overrides.findIndex((override) => override.id === app);
  const extractors = current.length > 0 ? [...current] : [{ selector: '' }];
  if (index === -1) overrides.push({ id: app, fields: { [field]: extractors } });
  else {
    const existing = overrides[index]!;
    overrides[index] = { ...existing, fields: { ...existing.fields, [field]: extractors } };
  }
  return { overrides, custom: definitions.custom ?? [] };
}
