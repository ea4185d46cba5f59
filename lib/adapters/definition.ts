import { z } from 'zod';
import { appIdSchema, hostPatternSchema } from '../../contract/ids';
import { CONTEXT_FIELDS, RECORD_TYPES } from '../../contract/record-fields';

function isValidRegex(source: string) {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const regexSource = z
  .string()
  .min(1)
  .max(300)
  .refine(isValidRegex, { message: 'is not a valid regular expression' });

const cssSelector = z.string().trim().min(1).max(300);

/**
 * One way to read a value from the page. Alternatives are tried in order; the first non-empty
 * value wins. `pattern` keeps capture group 1 (or the whole match when there is no group).
 */
export const extractorSchema = z.union([
  z.object({
    selector: cssSelector,
    read: z.enum(['text', 'value', 'attribute']).default('text'),
    attribute: z.string().min(1).max(60).optional(),
    pattern: regexSource.optional(),
    /** Also search open shadow roots (Salesforce Lightning web components). Costs a tree walk. */
    deep: z.boolean().default(false),
  }),
  z.object({ documentTitle: z.literal(true), pattern: regexSource.optional() }),
]);
export type Extractor = z.infer<typeof extractorSchema>;

/** A URL shape that identifies a record; group `idGroup` of `url` is the record id. */
export const recordPatternSchema = z.object({
  type: z.enum(RECORD_TYPES),
  url: regexSource,
  idGroup: z.number().int().min(1).max(9).default(1),
  /**
   * Group of `url` holding the number agents know the record by, when the address shows it
   * (Zendesk's ticket 42 is "#42"); read as `#<number>` unless a `recordNumber` field is found.
   */
  numberGroup: z.number().int().min(1).max(9).optional(),
});

const jsonPath = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/,
    'must be a dotted path such as ticket.status',
  );

/**
 * A read-only request to the app's own API, made with the agent's session (same origin, no stored
 * credentials). `path` is a template: `{recordId}` and variables captured by earlier steps.
 */
export const apiStepSchema = z.object({
  /** Record types this step applies to; all when omitted. */
  forTypes: z.array(z.enum(RECORD_TYPES)).min(1).optional(),
  path: z
    .string()
    .regex(/^\/[^\s]*$/, 'must be a path on the same origin, starting with /')
    .max(300),
  fields: z.partialRecord(z.enum(CONTEXT_FIELDS), jsonPath).default({}),
  /** Values kept for later steps' paths, e.g. `{ requesterId: 'ticket.requester_id' }`. */
  capture: z.record(z.string().regex(/^[a-zA-Z]+$/), jsonPath).default({}),
});

const linkTemplate = z
  .string()
  .max(300)
  .regex(/^(https:\/\/|\{origin\})/, 'must start with https:// or {origin}');

/** An adapter is data: built-in ones ship with the extension, admins add more through policy. */
export const adapterDefinitionSchema = z
  .object({
    id: appIdSchema,
    name: z.string().min(1).max(80),
    /** Match patterns of the pages this adapter runs on. */
    hosts: z.array(hostPatternSchema).max(20).default([]),
    /**
     * A product each customer installs at its own address (osTicket): no hosts are built in; the
     * admin's policy names them (`adapterHosts`), and they are granted at run time.
     */
    selfHosted: z.boolean().default(false),
    records: z.array(recordPatternSchema).min(1).max(20),
    /**
     * Selectors for the container of the record in front when the app keeps several in the DOM
     * (Zendesk panes, Salesforce Console tabs). Fields are read inside the first that matches.
     */
    scope: z.array(cssSelector).max(10).default([]),
    fields: z.partialRecord(z.enum(CONTEXT_FIELDS), z.array(extractorSchema).min(1).max(10)),
    api: z.array(apiStepSchema).max(4).default([]),
    /** Where to find a customer in this app, e.g. `{origin}/agent/search/1?q={email}`. */
    search: z
      .object({ email: linkTemplate.optional(), phone: linkTemplate.optional() })
      .default({}),
    /**
     * Elements present only during a call in a softphone built into the app (e.g. its hang-up
     * button): while one shows, the effort prompt waits as it does for an audible phone tab.
     */
    callSignal: z.array(cssSelector).max(5).default([]),
    /** Attribute changes that mean "another record is in front" (besides URL and child changes). */
    watchAttributes: z.array(z.string().min(1).max(60)).max(10).default([]),
    /** Written by us, not read from a saved page: points at CRM-FACTS.md. */
    note: z.string().max(500).optional(),
  })
  .refine((adapter) => adapter.selfHosted || adapter.hosts.length > 0, {
    message: 'needs at least one host pattern',
    path: ['hosts'],
  });
export type AdapterDefinition = z.infer<typeof adapterDefinitionSchema>;
export type AdapterInput = z.input<typeof adapterDefinitionSchema>;

/** Parses a built-in adapter at module load: a broken built-in is a programming error. */
export function defineAdapter(input: AdapterInput): AdapterDefinition {
  return adapterDefinitionSchema.parse(input);
}
