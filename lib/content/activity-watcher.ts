/** Input after this long without any means the agent may just have come back: reported at once. */
export const ACTIVITY_QUIET_MS = 1_000;
/** While input goes on, one report this often (the tracker only needs to hear that it does). */
export const ACTIVITY_REPEAT_MS = 15_000;

/** Whether input at `now` is worth a report. Pure. */
export function shouldReportActivity(
  now: number,
  lastInputAt: number | null,
  lastReportAt: number | null,
): boolean {
  if (lastInputAt === null || lastReportAt === null) return true;
  return now - lastInputAt >= ACTIVITY_QUIET_MS || now - lastReportAt >= ACTIVITY_REPEAT_MS;
}

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Tells the background that the agent is using this page (issue #15), so it can check that it
 * does not believe them elsewhere. Timing only, like the typing deferral: which key or where the
 * pointer was is never read. Passive capture listeners that compare two numbers.
 */
export function watchActivity(
  document: Document,
  report: () => void,
  now: () => number = Date.now,
) {
  let lastInputAt: number | null = null;
  let lastReportAt: number | null = null;
  const onInput = (event: Event) => {
    if (!event.isTrusted) return;
    const at = now();
    if (shouldReportActivity(at, lastInputAt, lastReportAt)) {
      lastReportAt = at;
      report();
    }
    lastInputAt = at;
  };
  const view = document.defaultView;
  for (const type of INPUT_EVENTS) {
    document.addEventListener(type, onInput, { capture: true, passive: true });
  }
  view?.addEventListener('focus', onInput);
  return {
    stop() {
      for (const type of INPUT_EVENTS) {
        document.removeEventListener(type, onInput, { capture: true });
      }
      view?.removeEventListener('focus', onInput);
    },
  };
}
