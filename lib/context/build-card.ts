import type { CustomerCard } from './customer-card';
import { displayPhone, normaliseEmail, normalisePhones, withoutExtension } from './identity';
import type { StoredContext } from '../storage/db';

export type AppSearch = {
  app: string;
  appName: string;
  origin: string;
  email?: string;
  phone?: string;
};

type Sourced = { value: string; sources: string[] };

function collect(
  contexts: readonly StoredContext[],
  read: (context: StoredContext) => string | readonly string[] | undefined,
  keyOf: (value: string) => string = (value) => value.toLowerCase(),
): Sourced[] {
  const byKey = new Map<string, Sourced>();
  for (const context of contexts) {
    for (const value of [read(context) ?? []].flat()) {
      if (!value) continue;
      const key = keyOf(value);
      const existing = byKey.get(key);
      if (!existing) byKey.set(key, { value, sources: [context.app] });
      else if (!existing.sources.includes(context.app)) existing.sources.push(context.app);
    }
  }
  return [...byKey.values()];
}

function fillTemplate(template: string, origin: string, value: string) {
  return template
    .replace('{origin}', origin)
    .replace(/\{(email|phone)\}/g, () => encodeURIComponent(value));
}

/**
 * Merges the record in front with the other records of the same customer into one card.
 * Pure: `related` are contexts that share an identity key with `focus` (focus included or not).
 */
export function buildCustomerCard(
  focus: StoredContext,
  related: readonly StoredContext[],
  searches: readonly AppSearch[],
  defaultCallingCode: string,
): CustomerCard {
  const all = [focus, ...related.filter((context) => context.key !== focus.key)].sort(
    (a, b) => b.lastSeenAt - a.lastSeenAt,
  );
  // The record in front is the best witness for its own customer; others follow by recency.
  const ordered = [focus, ...all.filter((context) => context.key !== focus.key)];
  const emails = collect(ordered, (c) => normaliseEmail(c.customerEmail));
  const phones = collect(ordered, (c) => normalisePhones(c.customerPhone, defaultCallingCode)).map(
    (phone) => ({ ...phone, display: displayPhone(phone.value, defaultCallingCode) }),
  );
  const names = collect(ordered, (c) => c.customerName);
  const seenIn = new Map<string, { app: string; appName: string; lastSeenAt: number }>();
  for (const context of all) {
    const seen = seenIn.get(context.app);
    if (!seen || seen.lastSeenAt < context.lastSeenAt)
      seenIn.set(context.app, {
        app: context.app,
        appName: context.appName,
        lastSeenAt: context.lastSeenAt,
      });
  }
  const firstEmail = emails[0]?.value;
  const firstPhone = phones[0] && withoutExtension(phones[0].value);
  const links = searches.flatMap((search) => {
    if (search.app === focus.app) return [];
    if (firstEmail && search.email)
      return [
        {
          app: search.app,
          appName: search.appName,
          url: fillTemplate(search.email, search.origin, firstEmail),
        },
      ];
    if (firstPhone && search.phone)
      return [
        {
          app: search.app,
          appName: search.appName,
          url: fillTemplate(search.phone, search.origin, firstPhone),
        },
      ];
    return [];
  });
  return {
    name: names[0],
    emails,
    phones,
    organisations: collect(ordered, (c) => c.organisation),
    customerIds: ordered
      .flatMap((c) => (c.customerId ? [{ app: c.app, value: c.customerId, sources: [c.app] }] : []))
      .filter(
        (id, index, ids) =>
          ids.findIndex((other) => other.app === id.app && other.value === id.value) === index,
      ),
    seenIn: [...seenIn.values()].sort((a, b) => b.lastSeenAt - a.lastSeenAt),
    records: all.slice(0, 10).map((context) => ({
      key: context.key,
      app: context.app,
      appName: context.appName,
      recordType: context.recordType,
      recordId: context.recordId,
      recordNumber: context.recordNumber,
      subject: context.subject,
      status: context.status,
      url: context.url,
      lastSeenAt: context.lastSeenAt,
      current: context.key === focus.key,
    })),
    links,
  };
}
