import type { AdapterDefinition, Extractor } from './definition';
import type { RecordContext } from '../context/record-context';
import {
  CONTEXT_FIELDS,
  MAX_FIELD_LENGTH,
  MAX_RULE_LENGTH,
  type ContextField,
  type RecordType,
} from '../../contract/record-fields';
import { queryDeep } from './dom-query';

// Zod-free on purpose: this runs in the content script, which must stay small. The background
// parses every record context with recordContextSchema when it arrives (adapter tests do the same
// through tests/support/adapters/extract-record-context.ts).

export type RecordMatch = { type: RecordType; recordId: string; number?: string; rule: string };

/**
 * The record a URL points at, by the adapter's first matching pattern; a pattern that reads its id
 * from the page (`idFrom`) matches only with the page's `doc`, once it holds the id.
 */
export function matchRecordUrl(
  adapter: AdapterDefinition,
  url: string,
  doc?: Document,
): RecordMatch | null {
  for (const pattern of adapter.records) {
    const match = new RegExp(pattern.url).exec(url);
    if (!match) continue;
    const recordId = pattern.idFrom
      ? doc && firstValue([pattern.idFrom], doc, doc)?.value
      : match[pattern.idGroup];
    if (!recordId) continue;
    const number = pattern.numberGroup ? match[pattern.numberGroup] : undefined;
    return { type: pattern.type, recordId, rule: `url:${pattern.url}`, ...(number && { number }) };
  }
  return null;
}

/** Whether the adapter's host patterns cover this URL (same semantics as manifest match patterns). */
export function adapterCoversUrl(adapter: AdapterDefinition, url: string): boolean {
  return adapter.hosts.some((pattern) => compileMatchPattern(pattern).test(url));
}

/** Tells whether a URL is one a match pattern covers. */
export type UrlMatcher = { test(url: string): boolean };

/**
 * A manifest match pattern as a matcher. The path's wildcards are matched without a regular
 * expression: as `.*` each, an admin's or a team's `/*e*e*e*…` backtracked for seconds on a long
 * address, and `classify` runs on every page the agent visits.
 */
export function compileMatchPattern(pattern: string): UrlMatcher {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)\/(.*)$/.exec(pattern) ?? [];
  if (!scheme || !host || path === undefined) return { test: () => false };
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\*]/g, '\\$&');
  const schemePart = scheme === '*' ? 'https?' : scheme;
  const hostPart =
    host === '*'
      ? '[^/]+'
      : host.startsWith('*.')
        ? `(?:[^/]+\\.)?${escape(host.slice(2))}`
        : escape(host);
  // No port in the pattern: any port, as in Chrome (a pattern with one is not portable to Firefox).
  const origin = new RegExp(
    `^${schemePart}://${hostPart}${host.includes(':') ? '' : '(?::\\d+)?'}/`,
  );
  return {
    test(url) {
      const start = origin.exec(url);
      return start !== null && globMatches(path, url.slice(start[0].length));
    },
  };
}

/** `*` as any run of characters, everything else as itself; at most text × glob steps. */
function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (glob[g] === '*') {
      star = g++;
      resumeAt = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resumeAt;
    } else return false;
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

type Extracted = { value: string; rule: string };

function readElement(element: Element, extractor: Extract<Extractor, { selector: string }>) {
  if (extractor.read === 'value') return (element as HTMLInputElement).value ?? null;
  if (extractor.read === 'attribute') return element.getAttribute(extractor.attribute ?? 'title');
  return element.textContent;
}

/**
 * Text a field is read from, at most, after its leading whitespace: an admin's pattern that
 * backtracks badly (`([a-z]+)+@`) on a whole conversation would hold the CRM page's main thread
 * for seconds, and even without a pattern, folding the whitespace of a whole conversation on every
 * read is a long task; a value is cut to MAX_FIELD_LENGTH anyway.
 */
const MAX_READ_TEXT = 2_000;

function applyPattern(raw: string | null | undefined, pattern: string | undefined) {
  const text = raw?.trimStart().slice(0, MAX_READ_TEXT).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (!pattern) return text;
  const match = new RegExp(pattern).exec(text);
  if (!match) return null;
  return (match[1] ?? match[0]).trim() || null;
}

function runExtractor(extractor: Extractor, scope: ParentNode, doc: Document): Extracted | null {
  if ('documentTitle' in extractor) {
    const value = applyPattern(doc.title, extractor.pattern);
    return value ? { value, rule: 'document.title' } : null;
  }
  const element = extractor.deep
    ? queryDeep(scope, extractor.selector)
    : scope.querySelector(extractor.selector);
  if (!element) return null;
  const value = applyPattern(readElement(element, extractor), extractor.pattern);
  return value ? { value, rule: `selector:${extractor.selector}` } : null;
}

/**
 * Every selector the adapter reads fields (and record ids, `idFrom`) with, as one selector list: the observers tell a change
 * in a field from one beside it by it (issue #15 item 7). Null when that cannot be told: an
 * extractor reads inside shadow roots (which no observer of the page sees), or no field is read
 * from the page. Selectors the browser rejects are left out: their fields are never read.
 */
export function fieldSelectorOf(adapter: AdapterDefinition, doc: Document): string | null {
  const selectors: string[] = [];
  const probe = doc.createDocumentFragment();
  const idReads = adapter.records.map((pattern) => pattern.idFrom);
  for (const extractors of [...Object.values(adapter.fields), idReads]) {
    for (const extractor of extractors ?? []) {
      if (!extractor || 'documentTitle' in extractor) continue;
      if (extractor.deep) return null;
      try {
        probe.querySelector(extractor.selector);
        selectors.push(extractor.selector);
      } catch {
        // An invalid selector from an admin-defined adapter: `firstValue` skips it too.
      }
    }
  }
  return selectors.length > 0 ? selectors.join(', ') : null;
}

/** The first non-empty value of ordered alternatives, with the rule that gave it (never throws). */
export function firstValue(extractors: Extractor[], scope: ParentNode, doc: Document) {
  for (const extractor of extractors) {
    try {
      const found = runExtractor(extractor, scope, doc);
      if (found) return found;
    } catch {
      // An invalid selector from an admin-defined adapter must not stop the other fields.
    }
  }
  return null;
}

export function findScope(
  adapter: AdapterDefinition,
  doc: Document,
): { root: ParentNode; rule?: string } {
  for (const selector of adapter.scope) {
    try {
      const element = doc.querySelector(selector);
      if (element) return { root: element, rule: `scope:${selector}` };
    } catch {
      // see firstValue
    }
  }
  return { root: doc };
}

/**
 * The adapter's record frame element, loaded or not, in the page or inside open shadow roots (Next
 * Experience); null when the adapter has no frame or the page holds none.
 */
export function findFrame(adapter: AdapterDefinition, doc: Document): HTMLIFrameElement | null {
  if (!adapter.frame) return null;
  try {
    return queryDeep(doc, adapter.frame) as HTMLIFrameElement | null;
  } catch {
    return null; // see firstValue
  }
}

/**
 * The page inside the adapter's record frame, while it holds one this page may read (same origin,
 * loaded); null without a frame, and for a frame this page may not read (the top page is read).
 * `frame`: the one `findFrame` found, when the caller has it already.
 */
export function framedPage(
  adapter: AdapterDefinition,
  doc: Document,
  frame = findFrame(adapter, doc),
): { url: string; document: Document } | null {
  try {
    const inner = frame?.contentDocument;
    if (!inner || inner.URL === 'about:blank') return null;
    return { url: inner.URL, document: inner };
  } catch {
    return null; // see firstValue
  }
}

/** Whether an extractor applies to a record of this type (`forTypes`; every type without). */
const readOn = (extractor: Extractor, type: RecordType) =>
  !('forTypes' in extractor) || !extractor.forTypes || extractor.forTypes.includes(type);

export type ReadResult = { ok: true; context: RecordContext } | { ok: false; reason: string };

/**
 * Reads the record in front from the page: id and type from the URL (or the page, `idFrom`),
 * fields from the DOM.
 * Never throws: a page the adapter does not understand gives `{ ok: false, reason }`.
 */
export function readRecord(
  adapter: AdapterDefinition,
  page: { url: string; document: Document },
  now: number,
): ReadResult {
  try {
    const record = matchRecordUrl(adapter, page.url, page.document);
    if (!record) return { ok: false, reason: `${adapter.id}: no record at this address` };
    const scope = findScope(adapter, page.document);
    // Cut as the background checks them: an admin's long selector must not lose every record.
    const matchedBy: Record<string, string> = { recordId: record.rule.slice(0, MAX_RULE_LENGTH) };
    if (scope.rule) matchedBy.scope = scope.rule.slice(0, MAX_RULE_LENGTH);
    const fields: Partial<Record<ContextField, string>> = {};
    for (const field of CONTEXT_FIELDS) {
      const extractors = adapter.fields[field]?.filter((extractor) =>
        readOn(extractor, record.type),
      );
      if (!extractors?.length) continue;
      const found = firstValue(extractors, scope.root, page.document);
      if (!found) continue;
      fields[field] = found.value.slice(0, MAX_FIELD_LENGTH);
      matchedBy[field] = found.rule.slice(0, MAX_RULE_LENGTH);
    }
    if (!fields.recordNumber && record.number) {
      fields.recordNumber = `#${record.number}`;
      matchedBy.recordNumber = record.rule.slice(0, MAX_RULE_LENGTH);
    }
    return {
      ok: true,
      context: {
        app: adapter.id,
        appName: adapter.name,
        recordType: record.type,
        recordId: record.recordId.slice(0, 200),
        url: page.url,
        ...fields,
        matchedBy,
        observedAt: now,
      },
    };
  } catch (error) {
    return { ok: false, reason: `${adapter.id}: ${String(error)}` };
  }
}
