import type { AdapterDefinition } from '../adapters/definition';
import type { StoredContext, TouchpointDb } from '../storage/db';
import { buildCustomerCard, type AppSearch } from './build-card';
import type { CustomerCard } from './customer-card';
import { identityKeysOf, type IdentityOptions } from './identity';
import { recordKeyOf, type ContextField } from '../../contract/record-fields';
import type { RecordContext } from './record-context';
import { customerOriginIn, soleInstanceOrigin } from './search-origin';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Hops through shared identity keys (email → phone → id) when gathering one customer's records. */
const MAX_IDENTITY_HOPS = 3;

export type CardOptions = IdentityOptions & {
  retentionDays: number;
  adapters: readonly AdapterDefinition[];
};

/** Local store of record contexts (Dexie) and the customer cards built from them. */
export function createContextStore(db: TouchpointDb) {
  async function recordObservation(
    context: RecordContext,
    options: IdentityOptions,
  ): Promise<StoredContext> {
    const key = recordKeyOf(context);
    return db.transaction('rw', db.contexts, async () => {
      const previous = await db.contexts.get(key);
      // A later read that misses a field (the API was slow, a pane was half drawn) keeps the
      // earlier value; one the API answered without a value (a new requester, without a phone)
      // drops it, or the old customer's phone would join the ticket to them.
      const { emptied = [], ...read } = context;
      const merged: RecordContext = previous
        ? withoutFields(
            {
              ...stripStored(previous),
              ...definedFields(read),
              matchedBy: { ...previous.matchedBy, ...read.matchedBy },
            },
            emptied.filter((field) => read[field] === undefined),
          )
        : read;
      const stored: StoredContext = {
        ...merged,
        key,
        identityKeys: identityKeysOf(merged, options),
        firstSeenAt: previous?.firstSeenAt ?? context.observedAt,
        lastSeenAt: context.observedAt,
      };
      await db.contexts.put(stored);
      return stored;
    });
  }

  async function relatedContexts(focus: StoredContext, notBefore: number) {
    const keys = new Set(focus.identityKeys);
    const found = new Map<string, StoredContext>([[focus.key, focus]]);
    let frontier = [...keys];
    for (let hop = 0; hop < MAX_IDENTITY_HOPS && frontier.length > 0; hop++) {
      const matches = await db.contexts.where('identityKeys').anyOf(frontier).toArray();
      frontier = [];
      for (const context of matches) {
        if (context.lastSeenAt < notBefore || found.has(context.key)) continue;
        found.set(context.key, context);
        for (const key of context.identityKeys) {
          if (!keys.has(key)) {
            keys.add(key);
            frontier.push(key);
          }
        }
      }
    }
    return [...found.values()];
  }

  /** Searches in other apps for the customer of `customerRecords` (the card's records). */
  async function appSearches(
    adapters: readonly AdapterDefinition[],
    customerRecords: readonly StoredContext[],
  ): Promise<AppSearch[]> {
    const searches: AppSearch[] = [];
    for (const adapter of adapters) {
      if (!adapter.search.email && !adapter.search.phone) continue;
      const origin =
        customerOriginIn(adapter.id, customerRecords) ??
        soleInstanceOrigin(await db.contexts.where('app').equals(adapter.id).toArray());
      if (!origin) continue;
      searches.push({ app: adapter.id, appName: adapter.name, origin, ...adapter.search });
    }
    return searches;
  }

  /** The card for a record, or null when the record is unknown or past retention. */
  async function cardFor(
    recordKey: string,
    options: CardOptions,
    now: number,
  ): Promise<CustomerCard | null> {
    const notBefore = now - options.retentionDays * DAY_MS;
    const focus = await db.contexts.get(recordKey);
    if (!focus || focus.lastSeenAt < notBefore) return null;
    const related = await relatedContexts(focus, notBefore);
    return buildCustomerCard(
      focus,
      related,
      await appSearches(options.adapters, related),
      options.defaultCallingCode,
    );
  }

  /** Deletes contexts not seen within the retention period; returns how many. */
  async function prune(now: number, retentionDays: number): Promise<number> {
    return db.contexts
      .where('lastSeenAt')
      .below(now - retentionDays * DAY_MS)
      .delete();
  }

  return { recordObservation, cardFor, prune };
}
export type ContextStore = ReturnType<typeof createContextStore>;

function stripStored(stored: StoredContext): RecordContext {
  const {
    key: _key,
    identityKeys: _keys,
    firstSeenAt: _first,
    lastSeenAt: _last,
    ...context
  } = stored;
  return context;
}

function withoutFields(context: RecordContext, fields: readonly ContextField[]): RecordContext {
  if (fields.length === 0) return context;
  const kept: Record<string, unknown> = { ...context, matchedBy: { ...context.matchedBy } };
  for (const field of fields) {
    delete kept[field];
    delete (kept.matchedBy as Record<string, string>)[field];
  }
  return kept as RecordContext;
}

function definedFields(context: RecordContext): Partial<RecordContext> {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
}
