import type { CDPSession } from '@playwright/test';
import type { BenchBrowser } from './browsers';
import { loadBusyPage } from './busy-run';
import { BUSY_CHANGE_FUNCTION } from './heavy-page';

/** Sampling interval of the CPU profile (µs): 0.1 ms, so a 5 ms budget rests on ~50 samples. */
const SAMPLING_INTERVAL_US = 100;

type ProfileNode = {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Tasks over this long (ms) are long tasks (the Long Tasks API's threshold). */
const LONG_TASK_MS = 50;

/** The page's long tasks in its own clock (ms), and when its first change began in that clock. */
export type PageTimeline = {
  longTasks: readonly { start: number; duration: number }[];
  firstChangeAt: number;
};

export type AttributionResult = {
  /** Main-thread time (ms) with the extension's code on the stack, navigation → settle. */
  extensionMs: number;
  /** Samples that time rests on (at SAMPLING_INTERVAL_US). */
  extensionSamples: number;
  /** All sampled main-thread time that was not idle (ms), for scale. */
  busyMs: number;
  /**
   * The part of `extensionMs` from the page's first change on: what the extension does because a
   * page keeps changing, beside its start (mounting the sidebar, the first read), which every page
   * pays once.
   */
  whileChangingMs: number;
  /** Samples of the page's main thread (not idle) from its first change on: what that rests on. */
  whileChangingPageSamples: number;
  /** The page's long tasks in the load (with the timeline given). */
  longTasks: number;
  /**
   * Long tasks that the extension's sampled time made long: without that time they would have been
   * under LONG_TASK_MS (its own tasks, or the page's it ran in). A page's task that is long anyway
   * does not count, however much of the extension ran in it.
   */
  longTasksMadeByExtension: number;
};

/**
 * The CPU time a profile spent with `isOurs` code anywhere on the stack: the code itself and
 * everything it called synchronously (DOM calls, forced style and layout, the frame it creates).
 * The part from the first sample in `changeFunction` on (the page's own changes) is reported on
 * its own. Pure, for the bench's unit test.
 */
export function attributeProfile(
  profile: Profile,
  isOurs: (url: string) => boolean,
  changeFunction: string,
  timeline?: PageTimeline,
): AttributionResult {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  // Down from the root: a node is ours when its own frame or any caller's is; a node is the
  // page's change when its own frame or any caller's is the change function.
  const ours = new Set<number>();
  const changing = new Set<number>();
  const mark = (id: number, underOurs: boolean, underChange: boolean) => {
    const node = byId.get(id)!;
    const here = underOurs || isOurs(node.callFrame.url);
    const inChange = underChange || node.callFrame.functionName === changeFunction;
    if (here) ours.add(id);
    if (inChange) changing.add(id);
    for (const child of node.children ?? []) mark(child, here, inChange);
  };
  for (const node of profile.nodes) if (!children.has(node.id)) mark(node.id, false, false);
  const idle = new Set(
    profile.nodes
      .filter((node) => ['(idle)', '(root)'].includes(node.callFrame.functionName))
      .map((node) => node.id),
  );
  const firstChange = profile.samples.findIndex((id) => changing.has(id));
  let oursUs = 0;
  let oursSamples = 0;
  let busyUs = 0;
  let whileChangingUs = 0;
  let whileChangingPageSamples = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const afterFirstChange = firstChange !== -1 && index >= firstChange;
    if (!idle.has(id)) {
      busyUs += delta;
      if (afterFirstChange) whileChangingPageSamples += 1;
    }
    if (ours.has(id)) {
      oursUs += delta;
      oursSamples += 1;
      if (afterFirstChange) whileChangingUs += delta;
    }
  });
  return {
    extensionMs: oursUs / 1000,
    extensionSamples: oursSamples,
    busyMs: busyUs / 1000,
    whileChangingMs: whileChangingUs / 1000,
    whileChangingPageSamples,
    ...longTasksOf(profile, (id) => ours.has(id), firstChange, timeline),
  };
}

/**
 * Which of the page's long tasks the extension made long. The profile's clock is put on the
 * page's by one moment both know: the first sample in the page's change function is when the
 * page noted its first change began (`firstChangeAt`), within a sampling interval.
 */
function longTasksOf(
  profile: Profile,
  isOurs: (id: number) => boolean,
  firstChange: number,
  timeline: PageTimeline | undefined,
) {
  if (!timeline || firstChange === -1) return { longTasks: 0, longTasksMadeByExtension: 0 };
  let elapsedUs = 0;
  const sampledAt = profile.timeDeltas.map((delta) => (elapsedUs += delta));
  const offsetMs = sampledAt[firstChange]! / 1000 - timeline.firstChangeAt;
  const made = timeline.longTasks.filter(({ start, duration }) => {
    let oursMs = 0;
    profile.samples.forEach((id, index) => {
      const at = sampledAt[index]! / 1000 - offsetMs;
      if (isOurs(id) && at > start && at <= start + duration) {
        oursMs += (profile.timeDeltas[index] ?? 0) / 1000;
      }
    });
    return oursMs > 0 && duration - oursMs < LONG_TASK_MS;
  });
  return { longTasks: timeline.longTasks.length, longTasksMadeByExtension: made.length };
}

/**
 * One load of the busy page with the extension, its main thread profiled: what the extension's
 * own code costs the page, attributed sample by sample instead of as the difference of two noisy
 * medians (the page's own task time varies by a second from load to load on this machine).
 */
export async function attributeBusyOnce(browser: BenchBrowser): Promise<AttributionResult> {
  const page = await browser.context.newPage();
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Profiler.start');
    await loadBusyPage(page);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const timeline = await page.evaluate(() => {
      const bench = window as unknown as PageTimeline & { busyFirstChangeAt?: number };
      return { longTasks: bench.longTasks, firstChangeAt: bench.busyFirstChangeAt ?? NaN };
    });
    if (!Number.isFinite(timeline.firstChangeAt)) {
      throw new Error('the busy page noted no first change: its long tasks cannot be placed');
    }
    return attributeProfile(
      profile,
      (url) => url.startsWith('chrome-extension://'),
      BUSY_CHANGE_FUNCTION,
      timeline,
    );
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}
