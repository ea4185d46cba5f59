// The tracker's public contract for the wiring (tabs/windows/idle listeners, storage).
export { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config';
export * from './events';
export { hourlyTotals, type HourlyTotal } from './hourly-totals';
export { currentInteraction } from './interaction';
export * from './outputs';
export { flushTracker, reduceTracker, type FlushOptions, type TrackerStep } from './reducer';
export {
  initialTrackerState,
  isCurrentTrackerState,
  TRACKER_STATE_VERSION,
  type TrackerState,
} from './state';
