import type { GrowingFigure } from './interaction';
import type { LookupFigure } from './outputs';

/**
 * Live figures as a view received them: true at `asOf`, `growing` adds up after it. A lookup in
 * progress is listed in `lookups` (at 0 ms if it has just begun).
 */
export type TickingFigures<L extends LookupFigure = LookupFigure> = {
  handleMs: number;
  awayMs: number;
  outsideMs: number;
  lookups: readonly L[];
  asOf: number;
  growing: GrowingFigure | null;
};

/**
 * The figures at `now` (issue #17 item 5): what the span in progress added since the view was
 * built goes to the figure it grows, so "This record" ticks between two updates instead of
 * showing the time up to the last event. A clock behind `asOf` adds nothing.
 */
export function figuresAt<L extends LookupFigure, T extends TickingFigures<L>>(
  view: T,
  now: number,
): T {
  const growing = view.growing;
  const elapsed = Math.max(0, now - view.asOf);
  if (growing === null || elapsed === 0) return view;
  const app = growing.lookupApp;
  return {
    ...view,
    [growing.figure]: view[growing.figure] + elapsed,
    lookups:
      app === undefined
        ? view.lookups
        : view.lookups.map((lookup) =>
            lookup.app === app ? { ...lookup, ms: lookup.ms + elapsed } : lookup,
          ),
  };
}
