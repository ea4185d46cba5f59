import type { z } from 'zod';
import { describeIssues } from '../../../contract/validation';
import type { ContextField, RecordType } from '../../../contract/record-fields';
import {
  adapterDefinitionSchema,
  type AdapterDefinition,
  type AdapterInput,
  type extractorSchema,
} from '../definition';
import type { SelectorExtractor } from './field-pick';
import { hostPatternFor } from './record-pattern';

/** What the admin has chosen so far in the builder. */
export type BuilderDraft = {
  /** The address of the first record the admin built on. */
  address: string;
  id: string;
  name: string;
  recordType: RecordType;
  recordPattern: string;
  /** Ordered alternatives per field, best first. */
  fields: Partial<Record<ContextField, SelectorExtractor[]>>;
};

/** `problem` is null while no field is picked: nothing is wrong yet, there is just nothing. */
export type DraftResult =
  | { ok: true; definition: AdapterDefinition; input: AdapterInput }
  | { ok: false; problem: string | null };

/** How many of a field's stable selectors the adapter keeps: the best and one fallback. */
export const ALTERNATIVES_PER_FIELD = 2;

/** An id and a name for the tool from its address: `tools.acme.test` → `tools-acme`. */
export function suggestIdentity(address: string): { id: string; name: string } {
  const hostname = new URL(address).hostname.replace(/^www\./, '');
  const labels = hostname.split('.');
  const meaningful =
    labels.length > 1 && !/^\d+$/.test(labels.at(-1)!) ? labels.slice(0, -1) : labels;
  let id = meaningful
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(id)) id = `app-${id}`;
  return { id: id.slice(0, 40).replace(/-+$/, ''), name: hostname };
}

/** An extractor as an admin would write it: defaults (`read: text`, `deep: false`) left out. */
function compact(extractor: SelectorExtractor): z.input<typeof extractorSchema> {
  const { deep, read, ...rest } = extractor;
  return { ...rest, ...(read !== 'text' && { read }), ...(deep && { deep }) };
}

/**
 * The adapter definition for the draft, validated with the schema custom adapters are read with
 * (definition.ts), so what the builder exports is what the extension accepts.
 */
export function draftToDefinition(draft: BuilderDraft): DraftResult {
  const fields: AdapterInput['fields'] = {};
  for (const [field, extractors] of Object.entries(draft.fields)) {
    if (!extractors || extractors.length === 0) continue;
    fields[field as ContextField] = extractors.slice(0, ALTERNATIVES_PER_FIELD).map(compact);
  }
  if (Object.keys(fields).length === 0) return { ok: false, problem: null };
  let hosts: string[];
  try {
    hosts = [hostPatternFor(draft.address)];
  } catch {
    return { ok: false, problem: `not a web address: ${draft.address}` };
  }
  const input: AdapterInput = {
    id: draft.id,
    name: draft.name,
    hosts,
    records: [{ type: draft.recordType, url: draft.recordPattern }],
    fields,
  };
  const parsed = adapterDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  return { ok: true, definition: parsed.data, input };
}

/**
 * Managed-policy JSON with the adapter as a `customAdapters` entry. Each entry is JSON text, as
 * public/managed_schema.json declares it for Chrome and Edge (docs/admin.md).
 */
export function managedPolicyJson(input: AdapterInput): string {
  return `${JSON.stringify({ customAdapters: [JSON.stringify(input)] }, null, 2)}\n`;
}
