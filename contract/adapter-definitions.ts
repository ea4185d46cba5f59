import { z } from 'zod';
import { appIdSchema, declaredAppIdSchema, hostPatternSchema } from './ids';
import { CONTEXT_FIELDS, RECORD_TYPES } from './record-fields';
import { backtracksExponentially, backtracksPolynomially } from './regex-safety';
import { cssSelectorProblem } from './css-selector';
import { refineStorable, storableText } from './text';
import { summarizeIssues, type IssueSummary } from './validation';

// Adapter definitions (issue #16): what an adapter is, for the built-ins, the admin's managed
// policy and the definitions the collector serves to the team. One schema for all three, so the
// collector refuses exactly what the extension would. Only declarative data: selectors, patterns,
// templates; never code (store policies).

function isValidRegex(source: string) {
  return groupCount(source) !== undefined;
}

/** How many capture groups a regular expression has (undefined: not a valid one). */
function groupCount(source: string): number | undefined {
  try {
    // An empty alternative matches anything, with one slot per group.
    return new RegExp(`${source}|`).exec('')!.length - 1;
  } catch {
    return undefined;
  }
}

const regexSource = storableText(300)
  .min(1)
  .refine(isValidRegex, { message: 'is not a valid regular expression' })
  // A pattern runs on the CRM page's text, which customers write: one that backtracks
  // exponentially would hang the agent's page.
  .refine((source) => !isValidRegex(source) || !backtracksExponentially(source), {
    message:
      'may take exponential time on some text: a repetition inside a repetition, (x+)+, or one whose rounds can split a text two ways, (a|aa)+',
  })
  // Also when repetitions in a row that can match the same characters, .*.*=x, take seconds on
  // the 2,000 characters a pattern reads (regex-safety.ts).
  .refine(
    (source) =>
      !isValidRegex(source) || backtracksExponentially(source) || !backtracksPolynomially(source),
    {
      message:
        'may take seconds on long text: repetitions in a row that can match the same characters, .*.*=x or (.+)\\s+(.+)@, try every split of the text; end each where the next part begins, with a negated class such as ([^@]+)@',
    },
  );

/**
 * A selector a browser's querySelector accepts (`cssSelectorProblem`): the background, the
 * collector and the options page have no DOM to ask, and a selector the page refuses reads
 * nothing, silently.
 */
export const cssSelector = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .superRefine(refineStorable)
  .superRefine((selector, context) => {
    const problem = cssSelectorProblem(selector);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * One way to read a value from the page. Alternatives are tried in order; the first non-empty
 * value wins. `pattern` keeps capture group 1 (or the whole match when there is no group).
 * Every object of an adapter is strict: a misspelt part (`reed`, `selfhosted`) would otherwise be
 * dropped without a word and the adapter would read something else than the admin meant.
 */
export const extractorSchema = z.union([
  z
    .strictObject({
      selector: cssSelector,
      read: z.enum(['text', 'value', 'attribute']).default('text'),
      /** The attribute `read: "attribute"` reads; `title` when omitted. */
      attribute: storableText(60).min(1).optional(),
      pattern: regexSource.optional(),
      /** Also search open shadow roots (Salesforce Lightning web components). Costs a tree walk. */
      deep: z.boolean().default(false),
      /**
       * The record types it is read on; all when omitted. Zendesk's ticket requester is no user
       * page's customer, though the tickets open in other tabs stay in that page.
       */
      forTypes: z.array(z.enum(RECORD_TYPES)).min(1).optional(),
    })
    .refine((extractor) => extractor.attribute === undefined || extractor.read === 'attribute', {
      message: 'is read only with read: "attribute"',
      path: ['attribute'],
    }),
  z.strictObject({ documentTitle: z.literal(true), pattern: regexSource.optional() }),
]);
export type Extractor = z.infer<typeof extractorSchema>;

const MISSING_GROUP = 'names a group the url pattern does not have';

/**
 * A URL shape that identifies a record; group `idGroup` of `url` is the record id, or, with
 * `idFrom`, the page holds it.
 */
export const recordPatternSchema = z
  .strictObject({
    type: z.enum(RECORD_TYPES),
    url: regexSource,
    idGroup: z.number().int().min(1).max(9).default(1),
    /**
     * Where the page holds the record's id, for an address that names the record another way
     * (ServiceNow's `incident.do?sysparm_query=number=INC0010042`: the form's hidden
     * `sys_uniqueValue`). `idGroup` is then unused; until the page shows the id there is no record.
     */
    idFrom: extractorSchema.optional(),
    /**
     * Group of `url` holding the number agents know the record by, when the address shows it
     * (Zendesk's ticket 42 is "#42"); read as `#<number>` unless a `recordNumber` field is found.
     */
    numberGroup: z.number().int().min(1).max(9).optional(),
  })
  .superRefine((pattern, context) => {
    if (pattern.idFrom && 'forTypes' in pattern.idFrom && pattern.idFrom.forTypes) {
      context.addIssue({
        code: 'custom',
        path: ['idFrom', 'forTypes'],
        message: 'is read on fields only: the pattern names its record’s type',
      });
    }
    const groups = groupCount(pattern.url) ?? Infinity;
    for (const key of ['idGroup', 'numberGroup'] as const) {
      const group = key === 'idGroup' && pattern.idFrom ? undefined : pattern[key];
      // A group the pattern does not have would never match a record, silently.
      if (group !== undefined && group > groups) {
        context.addIssue({ code: 'custom', path: [key], message: MISSING_GROUP });
      }
    }
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
export const apiStepSchema = z.strictObject({
  /** Record types this step applies to; all when omitted. */
  forTypes: z.array(z.enum(RECORD_TYPES)).min(1).optional(),
  path: storableText(300)
    // `//host/…` and `/\host/…` are other sites to the browser.
    .regex(
      /^\/(?![/\\])[^\s\\]*$/,
      'must be a path on the same origin: one / first (//host is another site), no backslash',
    ),
  fields: z.partialRecord(z.enum(CONTEXT_FIELDS), jsonPath).default({}),
  /** Values kept for later steps' paths, e.g. `{ requesterId: 'ticket.requester_id' }`. */
  capture: z.record(z.string().regex(/^[a-zA-Z]+$/), jsonPath).default({}),
});

const linkTemplate = storableText(300).regex(
  /^(https:\/\/|\{origin\})/,
  'must start with https:// or {origin}',
);

/** An adapter is data: built-in ones ship with the extension, admins add more through policy. */
export const adapterDefinitionSchema = z
  .strictObject({
    id: declaredAppIdSchema,
    name: storableText(80).min(1),
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
    /**
     * A same-origin frame that holds the record's page (ServiceNow's `gsft_main` under nav_to.do
     * and the Next Experience): while it shows a page, its address and document are read instead
     * of the top page's, and its loads are followed. Looked for inside open shadow roots too.
     */
    frame: cssSelector.optional(),
    /**
     * The app's server renders its pages, and closing a record leaves its page (osTicket sends
     * the agent to the queue, ServiceNow's Update goes back to the list): the record's page is
     * fetched once more from its address when the tab leaves it, so its last status is seen.
     * Only for apps without API steps; a single-page app's address gives no record to read.
     */
    rereadOnLeave: z.boolean().default(false),
    fields: z.partialRecord(z.enum(CONTEXT_FIELDS), z.array(extractorSchema).min(1).max(10)),
    api: z.array(apiStepSchema).max(4).default([]),
    /** Where to find a customer in this app, e.g. `{origin}/agent/search/1?q={email}`. */
    search: z
      .strictObject({ email: linkTemplate.optional(), phone: linkTemplate.optional() })
      .default({}),
    /**
     * Elements present only during a call in a softphone built into the app (e.g. its hang-up
     * button): while one shows, the effort prompt waits as it does for an audible phone tab.
     */
    callSignal: z.array(cssSelector).max(5).default([]),
    /**
     * The app's pages lay out to the window's width, so the sidebar may dock: narrow the page
     * beside it instead of covering it (issue #15 item 9). The agent can switch back to overlay.
     */
    dock: z.boolean().default(false),
    /** Attribute changes that mean "another record is in front" (besides URL and child changes). */
    watchAttributes: z.array(storableText(60).min(1)).max(10).default([]),
    /** Written by us, not read from a saved page: points at CRM-FACTS.md. */
    note: storableText(500).optional(),
  })
  .refine((adapter) => adapter.selfHosted || adapter.hosts.length > 0, {
    message: 'needs at least one host pattern',
    path: ['hosts'],
  });
export type AdapterDefinition = z.infer<typeof adapterDefinitionSchema>;
export type AdapterInput = z.input<typeof adapterDefinitionSchema>;

/**
 * A team's change to a built-in adapter (issue #16): replaces the extractors of the fields it
 * names (the others stay built in) and adds host and record patterns. Applied by the extension
 * under the admin's managed policy, which wins for the same adapter.
 */
export const adapterOverrideSchema = z.strictObject({
  /** The built-in adapter it changes. */
  id: appIdSchema,
  fields: z
    .partialRecord(z.enum(CONTEXT_FIELDS), z.array(extractorSchema).min(1).max(10))
    .default({}),
  /** Extra match patterns, e.g. a CRM's new domain. */
  hosts: z.array(hostPatternSchema).max(20).default([]),
  /** Extra record URL shapes, tried after the built-in ones. */
  records: z.array(recordPatternSchema).max(20).default([]),
  /** Why the team changed it, for the audit and the next admin. */
  note: storableText(500).optional(),
});
export type AdapterOverride = z.infer<typeof adapterOverrideSchema>;
export type AdapterOverrideInput = z.input<typeof adapterOverrideSchema>;

/** The setting name the collector's audit log files adapter publications and rollbacks under. */
export const ADAPTERS_AUDIT_SETTING = 'adapters';

/** At most this many overrides and custom adapters each: a team has a few dozen tools at most. */
export const MAX_TEAM_ADAPTERS = 50;

const uniqueIds = (entries: readonly { id: string }[]) =>
  new Set(entries.map((entry) => entry.id)).size === entries.length;

/** What an admin publishes to the collector: overrides of built-ins and team-wide adapters. */
export const teamAdapterDefinitionsSchema = z.strictObject({
  overrides: z
    .array(adapterOverrideSchema)
    .max(MAX_TEAM_ADAPTERS)
    .refine(uniqueIds, 'names an adapter more than once'),
  custom: z
    .array(adapterDefinitionSchema)
    .max(MAX_TEAM_ADAPTERS)
    .refine(uniqueIds, 'names an adapter more than once'),
});
export type TeamAdapterDefinitions = z.infer<typeof teamAdapterDefinitionsSchema>;
export type TeamAdapterDefinitionsInput = z.input<typeof teamAdapterDefinitionsSchema>;

export const EMPTY_TEAM_ADAPTERS: TeamAdapterDefinitions = { overrides: [], custom: [] };

/**
 * `GET /v1/adapters`, and the answer to `PUT /v1/adapters` and its rollback. The definitions are
 * served as stored, each checked by whoever applies it (`readTeamAdaptersLeniently`): one stored
 * under an older version's checks, which today's refuse, must not make the whole answer invalid
 * (the collector's response check failed with a 500, and the console could not show the entry to
 * fix). Publishing checks them all (`teamAdapterDefinitionsSchema`).
 */
export const teamAdaptersSchema = z.object({
  /** 0 before anything was published. */
  version: z.number().int().nonnegative(),
  definitions: z.object({
    overrides: z.array(z.unknown()).max(MAX_TEAM_ADAPTERS),
    custom: z.array(z.unknown()).max(MAX_TEAM_ADAPTERS),
  }),
  updatedAt: z.string().nullable(),
  /** The name of the token that published this version. */
  updatedBy: z.string().max(100).nullable(),
});
export type TeamAdapters = z.infer<typeof teamAdaptersSchema>;

/** `PUT /v1/adapters` (admin): the whole set, guarded by the version it was edited from. */
export const teamAdaptersUpdateSchema = z.strictObject({
  baseVersion: z.number().int().nonnegative(),
  definitions: z.unknown(),
});

/** A served entry left out: which list, where in it, its id if any, and why (as data). */
export type TeamAdapterProblem = {
  list: 'overrides' | 'custom';
  index: number;
  adapterId?: string;
  reason: ({ kind: 'invalid' } & IssueSummary) | { kind: 'duplicateId' };
};

/**
 * The served answer as the extension reads it: the envelope strictly, each adapter on its own,
 * so that one entry this version cannot read (a newer field, a broken selector) never drops the
 * others. Problems name the entry.
 */
export function readTeamAdaptersLeniently(raw: unknown): {
  version: number;
  definitions: TeamAdapterDefinitions;
  problems: TeamAdapterProblem[];
} | null {
  const envelope = z
    .object({
      version: z.number().int().nonnegative(),
      definitions: z.object({
        overrides: z.array(z.unknown()).default([]),
        custom: z.array(z.unknown()).default([]),
      }),
    })
    .safeParse(raw);
  if (!envelope.success) return null;
  const problems: TeamAdapterProblem[] = [];
  const readEach = <T>(
    entries: unknown[],
    schema: z.ZodType<T>,
    list: TeamAdapterProblem['list'],
  ): T[] => {
    const kept: T[] = [];
    const seen = new Set<string>();
    entries.slice(0, MAX_TEAM_ADAPTERS).forEach((entry, index) => {
      const parsed = schema.safeParse(entry);
      const id = (entry as { id?: unknown } | null)?.id;
      const where = { list, index, ...(typeof id === 'string' && { adapterId: id.slice(0, 40) }) };
      if (!parsed.success)
        problems.push({ ...where, reason: { kind: 'invalid', ...summarizeIssues(parsed.error) } });
      else if (seen.has((parsed.data as { id: string }).id))
        problems.push({ ...where, reason: { kind: 'duplicateId' } });
      else {
        seen.add((parsed.data as { id: string }).id);
        kept.push(parsed.data);
      }
    });
    return kept;
  };
  const { overrides, custom } = envelope.data.definitions;
  return {
    version: envelope.data.version,
    definitions: {
      overrides: readEach(overrides, adapterOverrideSchema, 'overrides'),
      custom: readEach(custom, adapterDefinitionSchema, 'custom'),
    },
    problems,
  };
}
