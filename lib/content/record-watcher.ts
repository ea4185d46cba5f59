import type { AdapterDefinition } from '../adapters/definition';
import { enrichFromApi, type FetchJson } from '../adapters/enrich';
import {
  fieldSelectorOf,
  findFrame,
  findScope,
  framedPage,
  readRecord,
} from '../adapters/read-record';
import type { RecordContext } from '../context/record-context';
import { pageRecordKeyOf } from '../../contract/record-fields';
import { API_REFRESH, createRequestBudget, type RequestBudget } from './request-budget';
import { createRecordObservers } from './record-observers';
import { createTickers } from './tickers';
import { lookBack, type FetchPage } from './look-back';
import { whenIdle } from './when-idle';

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
  /**
   * A record that left the page, as its API saw it one last time: Zendesk's "close tab" after
   * update removes a ticket the moment it is solved, before the page could show the new status.
   */
  onDeparted?: (context: RecordContext) => void;
  /** Attribute changes that also mean "another record may be in front". */
  watchAttributes?: readonly string[];
  /** Pages of the CRM's origin, for the last look at a record an app's frame has left. */
  fetchPage?: FetchPage;
  /** Shared per tab; a fresh one-minute window by default. */
  budget?: RequestBudget;
  timing?: Partial<Record<keyof typeof API_REFRESH, number>>;
};

type Enrichment = Partial<RecordContext>;
type Front = {
  adapter: AdapterDefinition;
  context: RecordContext;
  key: string;
  /** The part of the page that shows this record (the document when the adapter has no scope). */
  root: Node;
  /** The address it was read at. */
  url: string;
};
type ApiReason = 'first' | 'change' | 'focus' | 'interval';

/** Records whose API reading is kept (the agent's recent records), oldest dropped first. */
const MAX_ENRICHMENTS = 50;

/**
 * Follows the record in front through reloads, pushState and pane switches (issue #3), and keeps
 * it live (issue #15): the DOM is read again after every change (coalesced), and the app's API is
 * asked again when the record's part of the page changes (not for a badge or timer that keeps
 * ticking without news: `tickers.ts`), when the tab comes back to the front and every
 * `intervalMs` while visible, within a per-tab request budget. Returns `stop`.
 */
export function watchRecord(options: RecordWatcherOptions) {
  const { adapters, document } = options;
  const timing = { ...API_REFRESH, ...options.timing };
  const budget = options.budget ?? createRequestBudget(timing.maxRequestsPerMinute);
  const enrichments = new Map<string, Enrichment>();
  let front: Front | null = null;
  let lastSent: string | undefined;
  let readTimer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdleRead: (() => void) | undefined;
  let apiTimer: ReturnType<typeof setTimeout> | undefined;
  let apiTimerAt = Infinity;
  let apiBusy = false;
  let apiAgain = false;
  let lastApiAt = -Infinity;
  let recordChanged = false;
  let departing = false;
  /** The part of the page and the address the observers follow (null: the whole document). */
  let followed: Pick<Front, 'root' | 'url'> | null | undefined;
  const tickers = createTickers();
  /** Elements whose text changed in place since the API was last asked (see `tickers`). */
  let changedTexts = new Set<Element>();
  /** Record frames with a `load` listener of their own (`listenToFrame`); `stop` removes them. */
  const framesHeard = new WeakSet<Element>();
  const frameListeners = new AbortController();

  function report(context: RecordContext | null) {
    // Not the address: a page that rewrites its own for the same record (a query string for a
    // tab, an anchor, a tracking parameter, some of them several times a second) has nothing new
    // to say; the record keeps the address it was first reported at.
    const signature = context ? JSON.stringify({ ...context, observedAt: 0, url: 0 }) : 'none';
    if (signature === lastSent) return;
    lastSent = signature;
    options.onRecord(context);
  }

  function readFront(): Front | null {
    for (const adapter of adapters) {
      const frame = findFrame(adapter, document);
      if (frame) listenToFrame(frame);
      // While the adapter's frame shows a page, that page decides what is in front.
      const page = framedPage(adapter, document, frame) ?? { url: options.currentUrl(), document };
      const result = readRecord(adapter, page, options.now());
      if (!result.ok) continue;
      const root = findScope(adapter, page.document).root as Node;
      const key = pageRecordKeyOf(result.context);
      return { adapter, context: result.context, key, root, url: page.url };
    }
    return null;
  }

  function withEnrichment(reading: Front) {
    const enrichment = enrichments.get(reading.key);
    return enrichment ? mergeEnrichment(reading.context, enrichment) : reading.context;
  }

  function refresh() {
    cancelRead();
    if (departing) return;
    const next = readFront();
    const previous = front;
    if (previous && previous.key !== next?.key && canLookBack(previous.adapter)) {
      // Look at the record that left once more before reporting what replaced it, so its end
      // (solved, then closed by the app) reaches the tracker before the next record starts.
      departing = true;
      front = null;
      void lastLook(previous).finally(() => {
        departing = false;
        // The page has had the API's round trips to settle: read it now, not a settle delay later.
        refresh();
      });
      return;
    }
    front = next;
    // The app drew the same record's part anew (Zendesk redraws a pane after an update): what
    // the API knows may have changed with it.
    const redrawn = next !== null && previous?.key === next.key && next.root !== followed?.root;
    if (next?.root !== followed?.root || next?.url !== followed?.url) {
      followed = next && { root: next.root, url: next.url };
      follow(next);
    }
    const changed = recordChanged || redrawn;
    recordChanged = false;
    if (!next) return report(null);
    report(withEnrichment(next));
    if (next.adapter.api.length === 0) return;
    if (!enrichments.has(next.key)) requestApi('first');
    else if (changed) requestApi('change');
  }

  /**
   * Whether a record that leaves can be looked at once more: through the app's API, or, for an
   * app whose server renders the record's page (`rereadOnLeave`: ServiceNow's Update goes back to
   * the list in its frame), by reading that page again from its address.
   */
  function canLookBack(adapter: AdapterDefinition) {
    if (adapter.api.length > 0) return true;
    return adapter.rereadOnLeave && !!adapter.fields.status && !!options.fetchPage;
  }

  async function lastLook(previous: Front) {
    if (!options.onDeparted) return;
    if (previous.adapter.api.length === 0) {
      const look = { now: options.now(), timeoutMs: timing.lastLookTimeoutMs };
      const context = await lookBack(previous.adapter, previous, options.fetchPage!, look);
      if (context) options.onDeparted(context);
      return;
    }
    if (!budget.allows(stepsFor(previous), Date.now())) return;
    const enriched = await Promise.race([
      enrichFromApi(previous.adapter, previous.context, countedFetch),
      new Promise<null>((resolve) => setTimeout(resolve, timing.lastLookTimeoutMs, null)),
    ]);
    if (!enriched) return;
    keepEnrichment(previous.key, enrichmentOf(previous.context, enriched));
    options.onDeparted(withEnrichment(previous));
  }

  function countedFetch(path: string) {
    budget.take(Date.now());
    return options.fetchJson(path);
  }

  function keepEnrichment(key: string, enrichment: Enrichment) {
    enrichments.delete(key);
    enrichments.set(key, enrichment);
    if (enrichments.size > MAX_ENRICHMENTS) enrichments.delete(enrichments.keys().next().value!);
  }

  /** Asks the API about the record in front now, or as soon as the gap and the budget allow. */
  function requestApi(reason: ApiReason) {
    const target = front;
    if (!target || target.adapter.api.length === 0) return;
    const now = Date.now();
    const routine = reason === 'focus' || reason === 'interval';
    // The browser fires both `focus` and `visibilitychange` for one return to the tab: one read.
    if (reason === 'focus' && (apiBusy || now - lastApiAt < timing.minGapMs)) return;
    if (apiBusy) {
      apiAgain = true;
      return;
    }
    const steps = stepsFor(target);
    // Routine reads leave room in the minute for a read after a change and the last look at a
    // record that leaves: an agent back on the tab five times must not cost the solve's report.
    let at = budget.nextFreeAt(routine ? steps * 3 : steps, now);
    if (reason === 'change') at = Math.max(at, lastApiAt + timing.minGapMs);
    if (at > now) {
      // One waiting read; a change's read, which may come sooner, takes a routine one's place.
      if (apiTimer !== undefined && (routine || at >= apiTimerAt)) return;
      clearTimeout(apiTimer);
      apiTimerAt = at;
      apiTimer = setTimeout(() => {
        apiTimer = undefined;
        requestApi(reason);
      }, at - now);
      return;
    }
    apiBusy = true;
    lastApiAt = now;
    const texts = changedTexts;
    changedTexts = new Set();
    void enrichFromApi(target.adapter, target.context, countedFetch).then((enriched) => {
      const enrichment = enrichmentOf(target.context, enriched);
      const before = enrichments.get(target.key);
      if (before) tickers.answered(texts, JSON.stringify(before) === JSON.stringify(enrichment));
      keepEnrichment(target.key, enrichment);
      apiBusy = false;
      if (apiAgain) {
        apiAgain = false;
        if (front) requestApi(enrichments.has(front.key) ? 'change' : 'first');
      }
      schedule();
    });
  }

  /**
   * Reads again when the record frame loads another page. On the frame itself: `load` does not
   * cross a shadow root, and Next Experience holds `gsft_main` inside its components, so the
   * document's listener below never heard its loads there (the card came at the interval).
   */
  function listenToFrame(frame: HTMLIFrameElement) {
    if (framesHeard.has(frame)) return;
    framesHeard.add(frame);
    frame.addEventListener('load', () => schedule(), { signal: frameListeners.signal });
  }

  /** Reads the page again once the change has settled and the page is idle (`whenIdle`). */
  function schedule() {
    if (readTimer !== undefined || cancelIdleRead !== undefined) return;
    readTimer = setTimeout(() => {
      readTimer = undefined;
      const view = document.defaultView;
      if (view) cancelIdleRead = whenIdle(view, refresh);
      else refresh();
    }, SETTLE_MS);
  }

  function cancelRead() {
    clearTimeout(readTimer);
    readTimer = undefined;
    cancelIdleRead?.();
    cancelIdleRead = undefined;
  }

  const observers = createRecordObservers({
    document,
    watchAttributes: options.watchAttributes ?? [],
    currentUrl: options.currentUrl,
    onChange: (change, texts) => {
      // Beside every field: the page reads the same, only the app's API may know more, unless
      // all that changed is the text of elements that keep ticking without news from the API.
      if (change === 'record') {
        if (texts && tickers.allTicking(texts)) return;
        for (const element of texts ?? []) changedTexts.add(element);
        return requestApi('change');
      }
      if (change === 'field') recordChanged = true;
      schedule();
    },
  });
  /** Observes what may change the reading of the record in front (the whole page without one). */
  const follow = (reading: Front | null) =>
    observers.follow(
      reading?.root ?? document,
      reading?.url ?? options.currentUrl(),
      reading && fieldSelectorOf(reading.adapter, document),
    );

  const view = document.defaultView;
  const onBack = () => {
    if (document.visibilityState === 'visible') requestApi('focus');
  };
  view?.addEventListener('popstate', schedule);
  view?.addEventListener('hashchange', schedule);
  // A record frame loads another page without the top page changing (`load` does not bubble).
  // Kept beside the frames' own listeners: it also hears a frame in the page's light DOM that was
  // added and loaded between two reads, before any read found it.
  const framed = adapters.some((adapter) => adapter.frame);
  const onFrameLoad = (event: Event) => {
    if ((event.target as Element | null)?.tagName === 'IFRAME') schedule();
  };
  if (framed) document.addEventListener('load', onFrameLoad, true);
  view?.addEventListener('focus', onBack);
  document.addEventListener('visibilitychange', onBack);
  const interval = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    // Also reads the page again: a record part that appeared away from the observed one (not
    // beside it, no new address) is noticed here at the latest.
    schedule();
    requestApi('interval');
  }, timing.intervalMs);
  refresh();

  return {
    /** Reads again now (e.g. after the sidebar reconnects). */
    refresh: schedule,
    stop() {
      observers.stop();
      view?.removeEventListener('popstate', schedule);
      view?.removeEventListener('hashchange', schedule);
      document.removeEventListener('load', onFrameLoad, true);
      frameListeners.abort();
      view?.removeEventListener('focus', onBack);
      document.removeEventListener('visibilitychange', onBack);
      clearInterval(interval);
      cancelRead();
      clearTimeout(apiTimer);
    },
  };
}

/** How many requests reading this record's API takes at most (steps for other types are skipped). */
function stepsFor({ adapter, context }: Front) {
  return adapter.api.filter((step) => !step.forTypes || step.forTypes.includes(context.recordType))
    .length;
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
