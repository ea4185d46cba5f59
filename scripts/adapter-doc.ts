import { z } from 'zod';
import { adapterDefinitionSchema } from '../lib/adapters/definition';
import { CONTEXT_FIELDS, MAX_FIELD_LENGTH, RECORD_TYPES } from '../contract/record-fields';
import { replaceGenerated } from './doc-markers';
import { schemaRows, type JsonSchema, type SchemaRow } from './schema-rows';

/** Markers around the generated adapter reference in docs/admin.md. */
export const ADAPTER_DOC_MARKERS = {
  start: '<!-- adapter-reference:start (generated: npm run generate:adapter-doc) -->',
  end: '<!-- adapter-reference:end -->',
} as const;

/**
 * What each part of an adapter does, by its path in the definition (`[]` an item of a list,
 * `{}` the value under any allowed key). Types, defaults and limits come from the zod schema in
 * lib/adapters/definition.ts; the build fails when a part of the schema has no line here, or a
 * line names a part the schema no longer has, so the reference cannot drift from the code.
 */
const PURPOSE: Record<string, string> = {
  id: 'The app id: in reports, in triggers (`interactionEndTriggers[].app`) and in `adapterHosts`. A built-in adapter’s id replaces that adapter. Not `other`: that id counts every page outside the catalogue.',
  name: 'The name agents and supervisors read on the card, the prompt and the reports.',
  hosts:
    'Match patterns of the pages the adapter runs on. Agents are asked once to allow them (options page).',
  'hosts[]': 'One match pattern, e.g. `https://desk.example.com/*`.',
  selfHosted:
    'The product runs at each customer’s own address: leave `hosts` empty and list the addresses under `adapterHosts.<id>`.',
  records: 'URL shapes of record pages, tried in order; a page that matches none shows no card.',
  'records[]': 'One record page shape.',
  'records[].type': 'The kind of record, shown on the card and in reports.',
  'records[].url':
    'A regular expression on the whole address (`https://…`, query and hash included, not anchored); a group holds the record id. No repetition inside an unbounded one (`(x+)+`), as for every pattern.',
  'records[].idGroup': 'Which group of `url` is the record id; `url` must have that many groups.',
  'records[].numberGroup':
    'Which group of `url` is the number agents know the record by, when the address shows it (read as `#<number>` unless `fields.recordNumber` is found); `url` must have that many groups.',
  'records[].idFrom (selector)':
    'For an address that names the record another way (ServiceNow’s `incident.do?sysparm_query=number=INC0010042`): the element whose value is the record id, read as a field is; `idGroup` is then unused, and the page is no record until the element holds an id. Give a `pattern` for the id’s shape, so that an empty or placeholder value is none.',
  'records[].idFrom (selector).selector': 'A CSS selector; the first matching element is read.',
  'records[].idFrom (selector).read': 'As for a field: `text`, `value` or `attribute`.',
  'records[].idFrom (selector).attribute': 'As for a field.',
  'records[].idFrom (selector).pattern': 'As for a field: group 1 is the id.',
  'records[].idFrom (selector).deep': 'As for a field.',
  'records[].idFrom (selector).forTypes': 'Refused here: the pattern names its record’s type.',
  'records[].idFrom (selector).forTypes[]': 'A record type.',
  'records[].idFrom (title)': 'The record id is in the page title.',
  'records[].idFrom (title).documentTitle': 'Always `true`.',
  'records[].idFrom (title).pattern': 'Group 1 of the title is the id.',
  scope:
    'Selectors of the part of the page that holds the record in front, for apps that keep several records open; fields are read inside the first that matches.',
  'scope[]': 'One CSS selector.',
  rereadOnLeave:
    'The app’s server renders its pages and a record’s page is left when it is closed (osTicket sends the agent to the queue): the record’s page is fetched once more from its address, parsed and never run, so its last status ends the interaction. Only for adapters without `api` steps that read a `status`.',
  frame:
    'A selector of a same-origin frame that holds the record’s page (ServiceNow’s `iframe#gsft_main`); while it shows a page, that page’s address and content are read instead of the top page’s. Searched inside open shadow roots too.',
  fields:
    'What to read, by field name (see "Field names" below); each field lists extractors, tried in order until one gives a value.',
  'fields{}': 'The extractors of one field.',
  'fields{}[] (selector)': 'Read an element: its text, its form value, or an attribute.',
  'fields{}[] (selector).selector': 'A CSS selector; the first matching element is read.',
  'fields{}[] (selector).read':
    '`text` (the element’s visible text), `value` (an input’s value) or `attribute`.',
  'fields{}[] (selector).attribute':
    'The attribute to read; only with `read: "attribute"` (`title` when omitted).',
  'fields{}[] (selector).pattern':
    'A regular expression applied to the first 2,000 characters of what was read; group 1 is kept (the whole match without a group); no match means no value. A repetition inside an unbounded one (`([a-z]+)+@`) is refused: on text a customer wrote it can hang the agent’s page.',
  'fields{}[] (selector).deep':
    'Also search open shadow roots (web-component CRMs); costs a walk of the page.',
  'fields{}[] (selector).forTypes':
    'The record types (`records[].type`) this extractor is read on; every type when omitted. For markup that belongs to one kind of page but may stay in the document on another (a ticket’s requester kept in a hidden tab while the agent looks at a user).',
  'fields{}[] (selector).forTypes[]': 'A record type.',
  'fields{}[] (title)': 'Read the page title.',
  'fields{}[] (title).documentTitle': 'Always `true`.',
  'fields{}[] (title).pattern': 'As for a selector: group 1 of the title is kept.',
  api: 'Read-only requests to the app’s own API on the page’s origin, with the agent’s session; never other origins, never stored credentials.',
  'api[]': 'One request; later steps may use values captured by earlier ones.',
  'api[].forTypes': 'The record types this request is for (all when absent).',
  'api[].forTypes[]': 'One record type.',
  'api[].path':
    'The request path, starting with `/`; `{recordId}` and captured names are filled in.',
  'api[].fields': 'Fields to take from the JSON answer, by dotted path (`ticket.status`).',
  'api[].fields{}': 'A dotted path into the answer.',
  'api[].capture':
    'Values kept for later steps’ paths, by name (`{ "requesterId": "ticket.requester_id" }`).',
  'api[].capture{}': 'A dotted path into the answer.',
  search:
    'Links that open this app’s search for a customer, shown on the card of other apps. `{origin}` is the instance of this app where the card’s customer was seen last; when they were seen in none, the app’s only instance, and no link when the agent has seen several (another client’s instance must not receive this customer’s email or phone).',
  'search.email': 'Template with `{origin}` and `{email}`.',
  'search.phone': 'Template with `{origin}` and `{phone}`.',
  callSignal:
    'Elements shown only during a call in a softphone built into the app; while one shows, the effort prompt waits.',
  'callSignal[]': 'One CSS selector.',
  dock: 'The app’s pages lay out to the window’s width: the open sidebar narrows the page beside it instead of covering it (the agent can switch to the overlay).',
  watchAttributes:
    'Attribute changes that mean "another record is in front", for apps that switch records without changing the address or the page’s children.',
  'watchAttributes[]': 'One attribute name.',
  note: 'Free text for the next admin (where the selectors come from).',
};

/** Every part of an adapter definition with its type, default, limits and purpose. */
export function adapterReferenceRows(): (SchemaRow & { purpose: string })[] {
  const rows = schemaRows(
    z.toJSONSchema(adapterDefinitionSchema, { io: 'input' }) as JsonSchema,
    (alternative) => (alternative.properties?.documentTitle ? 'title' : 'selector'),
  );
  const missing = rows.filter((row) => PURPOSE[row.path] === undefined).map((row) => row.path);
  if (missing.length > 0)
    throw new Error(`scripts/adapter-doc.ts: no purpose for ${missing.join(', ')}`);
  const stale = Object.keys(PURPOSE).filter((path) => !rows.some((row) => row.path === path));
  if (stale.length > 0) throw new Error(`scripts/adapter-doc.ts: no such part ${stale.join(', ')}`);
  return rows.map((row) => ({ ...row, purpose: PURPOSE[row.path]! }));
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The adapter reference for admins, generated from the adapter schema. */
export function buildAdapterReference(): string {
  const rows = adapterReferenceRows().map(
    (row) =>
      `| \`${row.path}\` | ${cell(row.type)} | ${row.required ? 'yes' : ''} | ${row.default} | ${row.limits} | ${cell(row.purpose)} |`,
  );
  return [
    ADAPTER_DOC_MARKERS.start,
    '',
    '| Part | Type | Required | Default | Limits | What it does |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `**Field names** (keys of \`fields\` and \`api[].fields\`), in the order the card shows them: ${CONTEXT_FIELDS.map((field) => `\`${field}\``).join(', ')}. A value longer than ${MAX_FIELD_LENGTH} characters is cut.`,
    '',
    `**Record types**: ${RECORD_TYPES.map((type) => `\`${type}\``).join(', ')}.`,
    '',
    ADAPTER_DOC_MARKERS.end,
  ].join('\n');
}

/** `markdown` with its adapter reference replaced by the current one. */
export const withAdapterReference = (markdown: string) =>
  replaceGenerated(markdown, ADAPTER_DOC_MARKERS, buildAdapterReference(), 'docs/admin.md');
