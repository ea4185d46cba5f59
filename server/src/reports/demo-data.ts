// Temporary re-export (issue #14): the demo's report data moved to demo/report-data.ts, and
// server/src/demo-data-seed.ts, which another branch moves to demo/, still imports it from here.
// Delete this file when that move is merged.
export * from '../../../demo/report-data';
