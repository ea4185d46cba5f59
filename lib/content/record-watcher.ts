import type { AdapterDefinition } from '../adapters/definition';
import { enrichFromApi, type FetchJson } from '../adapters/enrich';
import { readRecord } from '../adapters/read-record';
import type { RecordContext } from '../context/record-context';
import { recordKeyOf } from '../../contract/record-fields';

/**
 * Trailing delay after a DOM or URL change before reading the record: lets the app finish drawing
 * the new record (so a new URL is not read with the old record's fields) and caps the work on
 * pages that mutate constantly to a few reads a second.
 */
export const SETTLE_MS = 60;

export type RecordWatcherOptions = {
  adapters: readonly AdapterDefinition[];
  document: Document;
  currentUrl: () => string;
  now: () => number;
  fetchJson: FetchJson;
  /** Called with each new reading of the record in front (`null`: none any more). */
  onRecord: (context: RecordContext | null) => void;
  /** Attribute changes that also mean "another record may be in front". */
  watchAttributes?: readonly string[];
};

type Enrichment = Partial<RecordContext>;

/** Follows the record in front through reloads, pushState and pane switches. Returns `stop`. */
export function watchRecord(options: RecordWatcherOptions) {
  const { adapters, document } = options;
  const enrichments = new Map<string, Enrichment>();
  const enriching = new Set<string>();
  let lastSent: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function report(context: RecordContext | null) {
    const signature = context ? JSON.stringify({ ...context, observedAt: 0 }) : 'none';
    if (signature === lastSent) return;
    lastSent = signature;
    options.onRecord(context);
  }

  function readFront() {
    const url = options.currentUrl();
    for (const adapter of adapters) {
      const result = readRecord(adapter, { url, document }, options.now());
      if (result.ok) return { adapter, context: result.context };
    }
    return null;
  }

  function refresh() {
    timer = undefined;
    const front = readFront();
    if (!front) return report(null);
    const key = recordKeyOf(front.context);
    const enrichment = enrichments.get(key);
    report(enrichment ? mergeEnrichment(front.context, enrichment) : front.context);
    if (!enrichment && front.adapter.api.length > 0 && !enriching.has(key)) {
      enriching.add(key);
      void enrichFromApi(front.adapter, front.context, options.fetchJson).then((enriched) => {
        enrichments.set(key, enrichmentOf(front.context, enriched));
        enriching.delete(key);
        schedule();
      });
    }
  }

  function schedule() {
    timer ??= setTimeout(refresh, SETTLE_MS);
  }

  const observer = new MutationObserver(schedule);
  const watchAttributes = options.watchAttributes ?? [];
  observer.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    ...(watchAttributes.length > 0
      ? { attributes: true, attributeFilter: [...watchAttributes] }
      : {}),
  });
  const view = document.defaultView;
  view?.addEventListener('popstate', schedule);
  view?.addEventListener('hashchange', schedule);
  refresh();

  return {
    /** Reads again now (e.g. after the sidebar reconnects). */
    refresh: schedule,
    stop() {
      observer.disconnect();
      view?.removeEventListener('popstate', schedule);
      view?.removeEventListener('hashchange', schedule);
      if (timer) clearTimeout(timer);
    },
  };
}

function enrichmentOf(base: RecordContext, enriched: RecordContext): Enrichment {
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(enriched)) {
    if (
      field !== 'matchedBy' &&
      value !== undefined &&
      base[field as keyof RecordContext] === undefined
    )
      extra[field] = value;
  }
  const matchedBy = Object.fromEntries(
    Object.entries(enriched.matchedBy).filter(([field]) => !(field in base.matchedBy)),
  );
  return { ...extra, matchedBy } as Enrichment;
}

function mergeEnrichment(context: RecordContext, enrichment: Enrichment): RecordContext {
  const merged = { ...enrichment, ...stripUndefined(context) } as RecordContext;
  merged.matchedBy = { ...enrichment.matchedBy, ...context.matchedBy };
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
