import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { startOfLocalDay } from '../../background/tracking-view';
import type { ResponseOf } from '../../messaging/router';
import { request } from './extension-client';
import { openTouchpointDb } from '../../storage/db';
import { alsoSentSince } from '../../storage/also-sent';

let db: ReturnType<typeof openTouchpointDb> | undefined;

export type TrackingStatus = ResponseOf<'tracking.status'>;

/**
 * Today's spans, switches, interactions, effort prompts and the other events sent about the agent
 * (live from IndexedDB), and the pause control.
 */
export function useTodayRecords() {
  const [status, setStatus] = useState<TrackingStatus>();
  const [error, setError] = useState<string>();
  const [since] = useState(() => startOfLocalDay(Date.now()));

  useEffect(() => {
    // Write the span in progress first, so the list ends at "now".
    request('tracking.flush', {})
      .then(() => request('tracking.status', {}))
      .then(setStatus, (reason: unknown) => setError(String(reason)));
  }, []);

  const records = useLiveQuery(async () => {
    db ??= openTouchpointDb();
    const [spans, switches, interactions, prompts, alsoSent] = await Promise.all([
      db.spans.where('start').aboveOrEqual(since).sortBy('start'),
      db.switches.where('at').aboveOrEqual(since).sortBy('at'),
      db.interactions.where('end').aboveOrEqual(since).sortBy('end'),
      db.prompts.where('createdAt').aboveOrEqual(since).sortBy('createdAt'),
      alsoSentSince(db, since),
    ]);
    // The number and subject the page showed, so the agent reads "INC0010042 · VPN drops…", not
    // an internal id (the browser keeps a record's context `retentionDays`).
    const keys = [
      ...new Set(
        [
          ...spans.map((span) => (span.type === 'gap' ? undefined : span.recordKey)),
          ...interactions.map((i) => i.recordKey),
          ...prompts.map((p) => p.recordKey),
        ].filter((key): key is string => !!key),
      ),
    ];
    const contexts = await db.contexts.bulkGet(keys);
    const labels = Object.fromEntries(
      contexts.flatMap((context) =>
        context
          ? [[context.key, { recordNumber: context.recordNumber, subject: context.subject }]]
          : [],
      ),
    );
    return { spans, switches, interactions, prompts, labels, alsoSent };
  }, [since]);

  const setPaused = useCallback((paused: boolean) => {
    request('tracking.setPaused', { paused }).then(
      (result) => setStatus((current) => current && { ...current, paused: result.paused }),
      (reason: unknown) => setError(String(reason)),
    );
  }, []);

  return { records, status, setPaused, error };
}
