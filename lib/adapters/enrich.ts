import type { AdapterDefinition } from './definition';
import type { RecordContext } from '../context/record-context';
import { MAX_FIELD_LENGTH, MAX_RULE_LENGTH } from '../../contract/record-fields';

export type FetchJson = (path: string) => Promise<unknown>;

/** The value at `path`; `null` when the answer says it has none (`phone: null`), not just leaves it out. */
function readPath(data: unknown, path: string): string | null | undefined {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string' && current.trim()) return current.trim();
  if (typeof current === 'number' && Number.isFinite(current)) return String(current);
  return current === null || current === '' ? null : undefined;
}

function fillTemplate(template: string, variables: Record<string, string>): string | null {
  let missing = false;
  const path = template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? null : path;
}

/**
 * Adds what the app's own API knows (e.g. Zendesk's requester email, which is not in the DOM).
 * Zod-free (runs in the content script). Fills only fields the page did not show; a failing step ends enrichment and is noted in
 * `matchedBy.api`, never thrown. A field the answer holds without a value is listed in `emptied`.
 */
export async function enrichFromApi(
  adapter: AdapterDefinition,
  context: RecordContext,
  fetchJson: FetchJson,
): Promise<RecordContext> {
  if (adapter.api.length === 0) return context;
  const variables: Record<string, string> = { recordId: context.recordId };
  const enriched: Record<string, unknown> = { ...context, matchedBy: { ...context.matchedBy } };
  const matchedBy = enriched.matchedBy as Record<string, string>;
  const emptied: string[] = [];
  for (const step of adapter.api) {
    if (step.forTypes && !step.forTypes.includes(context.recordType)) continue;
    const path = fillTemplate(step.path, variables);
    if (!path) break;
    let data: unknown;
    try {
      data = await fetchJson(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      matchedBy.api = `failed ${path}: ${reason}`.slice(0, MAX_RULE_LENGTH);
      break;
    }
    for (const [name, source] of Object.entries(step.capture)) {
      const value = readPath(data, source);
      if (value) variables[name] = value;
    }
    for (const [field, source] of Object.entries(step.fields)) {
      const value = source ? readPath(data, source) : undefined;
      if (value === undefined || enriched[field] !== undefined) continue;
      if (value === null) {
        // Two steps may name the same field (a fallback): list it once.
        if (!emptied.includes(field)) emptied.push(field);
        continue;
      }
      enriched[field] = value.slice(0, MAX_FIELD_LENGTH);
      matchedBy[field] = `api:${step.path}#${source}`.slice(0, MAX_RULE_LENGTH);
    }
  }
  if (emptied.length > 0) enriched.emptied = emptied;
  return enriched as RecordContext;
}
