import type { TrackingView } from '../messaging/sidebar-port';
import type { TouchpointDb } from '../storage/db';
import type { LookupFigure } from '../tracking/outputs';
import type { TrackerService } from './tracker-service';

/** Local midnight before `now`: "today" as the agent reads it. */
export function startOfLocalDay(now: number) {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * What the sidebar shows the agent about measurement: the interaction in progress (live) and
 * today's totals (stored figures, current to the last minute's flush).
 */
export async function buildTrackingView(
  db: TouchpointDb,
  tracker: TrackerService,
  enabled: boolean,
  now: number,
  appName: (app: string) => string = (app) => app,
): Promise<TrackingView> {
  const since = startOfLocalDay(now);
  const [live, paused, segments, switchCount, interactionCount] = await Promise.all([
    tracker.live(),
    tracker.paused(),
    db.spans
      .where('start')
      .aboveOrEqual(since)
      .filter((span) => span.type === 'segment')
      .toArray(),
    db.switches
      .where('at')
      .aboveOrEqual(since)
      .filter((entry) => entry.type === 'switch')
      .count(),
    db.interactions.where('end').aboveOrEqual(since).count(),
  ]);
  return {
    enabled,
    paused,
    interaction: live && {
      recordKey: live.recordKey,
      app: live.app,
      start: live.start,
      handleMs: live.handleMs,
      awayMs: live.awayMs,
      outsideMs: live.outsideMs,
      switchCount: live.switchCount,
      lookups: lookupsOf(live.lookups ?? [], live.growing?.lookupApp).map((lookup) => ({
        ...lookup,
        appName: appName(lookup.app),
      })),
      asOf: live.asOf,
      growing: live.growing,
    },
    today: {
      focusMs: segments.reduce((sum, span) => sum + span.end - span.start, 0),
      switchCount,
      interactionCount,
    },
  };
}

/** The lookups so far, with the one in progress listed even before its first second. */
function lookupsOf(lookups: readonly LookupFigure[], growingApp: string | undefined) {
  if (growingApp === undefined || lookups.some((lookup) => lookup.app === growingApp)) {
    return [...lookups];
  }
  return [...lookups, { app: growingApp, ms: 0 }];
}
