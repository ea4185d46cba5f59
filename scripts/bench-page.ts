/**
 * `npm run bench:page`: what the extension costs a heavy, busy CRM page, against its budgets.
 * Loads the same Zendesk-like page in Chromium with and without the e2e build, alternating, and
 * prints `figure <name> <value> <unit>` lines, then one `budget` line each. Exit code 1 when a
 * budget is exceeded. See docs/benchmarks.md.
 *
 *   npm run bench:page                 12 runs per mode
 *   npm run bench:page -- --runs 20    more runs
 */
import { cpus, loadavg } from 'node:os';
import { routeCrm } from '../tests/e2e/crm-pages';
import {
  chromiumVersion,
  launchBenchBrowser,
  type BenchBrowser,
  type Mode,
} from './bench/browsers';
import { logCardNames } from './bench/card-names';
import { contentScriptSize } from './bench/content-script-size';
import { defaultPolicyExtension } from './bench/extension-state';
import { printBudgets, printDifference, printFigure, type Budget } from './bench/figures';
import { measurePrompt } from './bench/prompt-runs';
import { measureFirstCard, type FirstCardRun } from './bench/first-card';
import { runBusyOnce, type BusyRunResult } from './bench/busy-run';
import { attributeBusyOnce, type AttributionResult } from './bench/busy-attribution';
import { openQuietTab, runQuietOnce, type QuietRunResult } from './bench/quiet-run';
import {
  BUSY_PATH,
  BUSY_REPLACEMENTS,
  BUSY_TICKET,
  busyPageHtml,
  FIRST_TICKET,
  heavyPageHtml,
  NEXT_TICKET,
  ORIGIN,
  QUIET_PATH,
  QUIET_TICKET,
  quietPageHtml,
  ticketPath,
  zendeskApi,
} from './bench/heavy-page';
import { runOnce, type RunResult } from './bench/page-run';
import { median, pairedDifferences, percentile, sum } from './bench/stats';

const DEFAULT_RUNS = 12;
/**
 * Each first-card run starts a browser twice on a new profile (about 7 s). Nine, not five: one
 * build's medians of five moved by 30–40 ms between runs of the bench on this shared machine.
 */
const FIRST_CARD_RUNS = 9;
const MIN_RUNS = 10;
/**
 * Quiet-page pairs per run, each load in a fresh tab: they are short, and the quiet page is where
 * a difference resolves to a few milliseconds, so its interval is worth the extra loads.
 */
const QUIET_PAIRS_PER_RUN = 4;
/** …and pairs of loads in a tab kept open (no budget: what a tab's next page load costs). */
const QUIET_KEPT_TAB_PAIRS_PER_RUN = 2;
/** Profiled loads of the busy page with the extension (issue #15 item 7: attributed cost). */
const ATTRIBUTION_RUNS = 8;
const KB = 1024;
// Closing a tab keeps both browsers busy for a moment; let that finish outside the next run.
const PAUSE_BETWEEN_RUNS_MS = 500;

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_RUNS_MS));

function parseRuns(args: readonly string[]) {
  const at = args.indexOf('--runs');
  if (at === -1) return DEFAULT_RUNS;
  const runs = Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive whole number');
  if (runs < MIN_RUNS) console.error(`note: fewer than ${MIN_RUNS} runs; medians are noisy`);
  return runs;
}

async function prepare(browser: BenchBrowser) {
  await logCardNames(browser.context);
  const page = heavyPageHtml();
  await routeCrm(
    browser.context,
    ORIGIN,
    {
      [ticketPath(FIRST_TICKET)]: page,
      [ticketPath(NEXT_TICKET)]: page,
      [BUSY_PATH]: busyPageHtml(),
      [QUIET_PATH]: quietPageHtml(),
    },
    zendeskApi([FIRST_TICKET, NEXT_TICKET, BUSY_TICKET, QUIET_TICKET]),
  );
}

async function measure(runs: number) {
  const withExtension = await launchBenchBrowser('with');
  const withoutExtension = await launchBenchBrowser('without');
  try {
    await Promise.all([prepare(withExtension), prepare(withoutExtension)]);
    const { extensionId, waitedMs } = await defaultPolicyExtension(withExtension.context);
    console.error(`managed storage ready after ${Math.round(waitedMs)} ms`);
    // One uncounted load per mode: the first load also compiles the sidebar bundle and fills caches.
    await runOnce(withExtension, extensionId);
    await runOnce(withoutExtension);
    await pause();

    const results = { with: [] as RunResult[], without: [] as RunResult[] };
    const busy = { with: [] as BusyRunResult[], without: [] as BusyRunResult[] };
    for (let run = 0; run < runs; run += 1) {
      const order = pairOrder(run);
      for (const mode of order) {
        results[mode].push(
          mode === 'with'
            ? await runOnce(withExtension, extensionId)
            : await runOnce(withoutExtension),
        );
        await pause();
        busy[mode].push(await runBusyOnce(mode === 'with' ? withExtension : withoutExtension));
        await pause();
      }
      const busyOf = (mode: 'with' | 'without') => busy[mode][run]!;
      console.error(
        `run ${run + 1}/${runs} done; busy page with/without the extension: ` +
          `script ${busyOf('with').scriptMs.toFixed(1)}/${busyOf('without').scriptMs.toFixed(1)} ms, ` +
          `task ${busyOf('with').taskMs.toFixed(0)}/${busyOf('without').taskMs.toFixed(0)} ms`,
      );
    }
    const browsers = { with: withExtension, without: withoutExtension };
    const quiet = await measureQuiet(browsers, runs * QUIET_PAIRS_PER_RUN, runQuietOnce);
    const keptTabs = {
      with: await openQuietTab(withExtension),
      without: await openQuietTab(withoutExtension),
    };
    const quietKeptTab = await measureQuiet(
      browsers,
      runs * QUIET_KEPT_TAB_PAIRS_PER_RUN,
      (browser) => keptTabs[browser.mode].load(),
    );
    await keptTabs.with.close();
    await keptTabs.without.close();
    // Profiled loads last: the profiler slows the page, so they stay out of the comparison above.
    const attribution: AttributionResult[] = [];
    for (let run = 0; run < ATTRIBUTION_RUNS; run += 1) {
      attribution.push(await attributeBusyOnce(withExtension));
      await pause();
    }
    await defaultPolicyExtension(withExtension.context);
    return { ...results, busy, quiet, quietKeptTab, attribution };
  } finally {
    await withExtension.close();
    await withoutExtension.close();
  }
}

/** Alternates which mode goes first, so that drift on the machine hits both alike. */
function pairOrder(pair: number) {
  return pair % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
}

/**
 * Loads of the quiet page in pairs, the two modes one right after the other, in a block of their
 * own: beside the busy page's loads, a pair's two loads were tens of seconds and a busy page apart,
 * and its difference spread by as much as the extension's cost (session 10: 19 to 32 ms).
 */
async function measureQuiet(
  browsers: Record<Mode, BenchBrowser>,
  pairs: number,
  load: (browser: BenchBrowser) => Promise<QuietRunResult>,
) {
  const quiet = { with: [] as QuietRunResult[], without: [] as QuietRunResult[] };
  // One uncounted load per mode, as for the heavy page.
  for (const mode of pairOrder(0)) await load(browsers[mode]);
  for (let pair = 0; pair < pairs; pair += 1) {
    for (const mode of pairOrder(pair)) {
      quiet[mode].push(await load(browsers[mode]));
      await pause();
    }
  }
  return quiet;
}

function defined(values: readonly (number | undefined)[]) {
  return values.filter((value): value is number => value !== undefined);
}

async function main() {
  const runs = parseRuns(process.argv.slice(2));
  const [loadAverage] = loadavg();
  console.error(
    `machine: ${cpus().length} cores, load average ${loadAverage!.toFixed(2)} at start, ` +
      chromiumVersion(),
  );
  const size = contentScriptSize();
  const results = await measure(runs);
  const pick = (mode: 'with' | 'without', key: keyof RunResult) =>
    defined(results[mode].map((result) => result[key]));
  const added = (key: keyof RunResult) =>
    pairedDifferences(pick('with', key), pick('without', key));
  const busyPick = (mode: 'with' | 'without', key: keyof BusyRunResult) =>
    results.busy[mode].map((result) => result[key]);
  const busyAdded = (key: keyof BusyRunResult) =>
    pairedDifferences(busyPick('with', key), busyPick('without', key));
  const quietPick = (mode: 'with' | 'without', key: keyof QuietRunResult) =>
    results.quiet[mode].map((result) => result[key]);
  const quietAdded = (key: keyof QuietRunResult) =>
    pairedDifferences(quietPick('with', key), quietPick('without', key));
  const keptTabPick = (mode: Mode, key: keyof QuietRunResult) =>
    results.quietKeptTab[mode].map((result) => result[key]);
  if (results.busy.with.length < 8 || results.busy.without.length < 8) {
    throw new Error('the busy page needs at least 8 runs per mode (--runs 8 or more)');
  }
  if (busyPick('without', 'replaced').some((replaced) => replaced < BUSY_REPLACEMENTS)) {
    throw new Error('the busy page replaced fewer rows than it should: nothing to compare');
  }
  if (median(quietAdded('taskMs')) <= 0) {
    throw new Error('the quiet page took no more time with the extension: it measured nothing');
  }
  const cardVisible = pick('with', 'cardVisibleMs');
  const spaChange = pick('with', 'spaChangeMs');

  printFigure('runs', runs, 'runs');
  printFigure('element_count', median(pick('without', 'elementCount')), 'elements');
  printFigure('content_script_raw_kb', size.raw / KB, 'KB');
  printFigure('content_script_gzip_kb', size.gzip / KB, 'KB');
  printFigure('script_without_extension_ms', median(pick('without', 'loadScriptMs')), 'ms');
  printFigure('script_with_extension_ms', median(pick('with', 'loadScriptMs')), 'ms');
  printFigure('script_with_extension_p95_ms', percentile(pick('with', 'loadScriptMs'), 95), 'ms');
  const scriptAdded = printDifference('script_added_ms', added('loadScriptMs'), 'ms');
  printDifference('spa_script_added_ms', added('spaScriptMs'), 'ms');
  printFigure('record_ready_without_extension_ms', median(pick('without', 'recordReadyMs')), 'ms');
  printDifference('record_ready_added_ms', added('recordReadyMs'), 'ms');
  printFigure('load_event_without_extension_ms', median(pick('without', 'loadEventMs')), 'ms');
  printDifference('load_event_added_ms', added('loadEventMs'), 'ms');
  printFigure('long_tasks_without_extension', sum(pick('without', 'longTasks')) / runs, 'tasks');
  printFigure('long_tasks_with_extension', sum(pick('with', 'longTasks')) / runs, 'tasks');
  const longTasksAdded = printDifference('long_tasks_added', added('longTasks'), 'tasks', 'mean');
  printFigure('card_visible_ms', median(cardVisible), 'ms');
  printFigure('card_visible_p95_ms', percentile(cardVisible, 95), 'ms');
  printFigure('spa_change_ms', median(spaChange), 'ms');
  printFigure('spa_change_p95_ms', percentile(spaChange, 95), 'ms');
  printFigure('busy_runs', results.busy.with.length, 'runs');
  printFigure('busy_script_without_extension_ms', median(busyPick('without', 'scriptMs')), 'ms');
  const busyScript = printDifference('busy_script_added_ms', busyAdded('scriptMs'), 'ms');
  printFigure('busy_task_without_extension_ms', median(busyPick('without', 'taskMs')), 'ms');
  const busyTask = printDifference('busy_task_added_ms', busyAdded('taskMs'), 'ms');
  const busyLongTasks = printDifference(
    'busy_long_tasks_added',
    busyAdded('longTasks'),
    'tasks',
    'mean',
  );
  printFigure('busy_heap_without_extension_mb', median(busyPick('without', 'heapMb')), 'MB');
  const busyHeap = printDifference('busy_heap_added_mb', busyAdded('heapMb'), 'MB');
  if (results.attribution.some((run) => run.extensionSamples === 0)) {
    throw new Error('a profiled busy load sampled no extension code: nothing was attributed');
  }
  printFigure('quiet_runs', results.quiet.with.length, 'runs');
  printFigure('quiet_task_without_extension_ms', median(quietPick('without', 'taskMs')), 'ms');
  const quietTask = printDifference('quiet_task_added_ms', quietAdded('taskMs'), 'ms');
  const quietScript = printDifference('quiet_script_added_ms', quietAdded('scriptMs'), 'ms');
  printFigure('quiet_kept_tab_runs', results.quietKeptTab.with.length, 'runs');
  printFigure(
    'quiet_kept_tab_task_without_extension_ms',
    median(keptTabPick('without', 'taskMs')),
    'ms',
  );
  const keptTabAdded = (key: keyof QuietRunResult) =>
    pairedDifferences(keptTabPick('with', key), keptTabPick('without', key));
  printDifference('quiet_kept_tab_task_added_ms', keptTabAdded('taskMs'), 'ms');
  printDifference('quiet_kept_tab_script_added_ms', keptTabAdded('scriptMs'), 'ms');
  printFigure('busy_attributed_runs', results.attribution.length, 'runs');
  const attributed = (key: keyof AttributionResult) =>
    median(results.attribution.map((run) => run[key]));
  printFigure('busy_attributed_samples', attributed('extensionSamples'), 'samples');
  printFigure('busy_extension_attributed_ms', attributed('extensionMs'), 'ms');
  if (results.attribution.some((run) => run.whileChangingPageSamples === 0)) {
    throw new Error("a profiled busy load sampled none of the page's changes: no window to split");
  }
  printFigure(
    'busy_while_changing_page_samples',
    attributed('whileChangingPageSamples'),
    'samples',
  );
  const whileChanging = attributed('whileChangingMs');
  printFigure('busy_extension_while_changing_ms', whileChanging, 'ms');
  const perProfiledLoad = (key: 'longTasks' | 'longTasksMadeByExtension') =>
    sum(results.attribution.map((run) => run[key])) / results.attribution.length;
  const longTasksMadeByExtension = perProfiledLoad('longTasksMadeByExtension');
  printFigure('busy_profiled_long_tasks', perProfiledLoad('longTasks'), 'tasks');
  printFigure('busy_long_tasks_made_by_extension', longTasksMadeByExtension, 'tasks');

  // After the page runs: this phase installs a managed policy (prompts at 100 %) for its own browser.
  const prompts = await measurePrompt(runs);
  const promptAck = prompts.map((run) => run.ackMs);
  const promptLongTasks = sum(prompts.map((run) => run.longTasks)) / prompts.length;
  printFigure('prompt_runs', prompts.length, 'runs');
  printFigure('prompt_tap_ack_ms', median(promptAck), 'ms');
  printFigure('prompt_tap_ack_p95_ms', percentile(promptAck, 95), 'ms');
  printFigure('prompt_long_tasks_per_prompt', promptLongTasks, 'tasks');

  // Last: browsers started on brand-new profiles, the CRM opened at once (issue #15 item 6).
  const firstCards: FirstCardRun[] = [];
  for (let run = 0; run < FIRST_CARD_RUNS; run += 1) {
    firstCards.push(await measureFirstCard());
    console.error(`first-card run ${run + 1}/${FIRST_CARD_RUNS} done`);
  }
  if (firstCards.length === 0) throw new Error('no first-card run measured anything');
  const fresh = median(firstCards.map((run) => run.freshProfile.cardMs));
  const restart = median(firstCards.map((run) => run.restart.cardMs));
  const laterTabs = firstCards.flatMap((run) => run.laterTabs);
  const laterTab = median(laterTabs.map((timing) => timing.cardMs));
  const secondTabAtOnce = median(firstCards.map((run) => run.secondTabAtOnce.cardMs));
  const pageDomReady = median(
    firstCards.flatMap((run) =>
      [run.freshProfile, run.restart, run.secondTabAtOnce, ...run.laterTabs, run.workerAsleep].map(
        (timing) => timing.pageDomReadyMs,
      ),
    ),
  );
  printFigure('first_card_runs', firstCards.length, 'runs');
  printFigure('first_card_fresh_profile_ms', fresh, 'ms');
  printFigure('first_card_restart_ms', restart, 'ms');
  printFigure('first_card_later_tab_samples', laterTabs.length, 'tabs');
  printFigure('first_card_later_tab_ms', laterTab, 'ms');
  printFigure(
    'first_card_later_tab_page_dom_ready_ms',
    median(laterTabs.map((timing) => timing.pageDomReadyMs)),
    'ms',
  );
  printFigure('first_card_second_tab_at_once_ms', secondTabAtOnce, 'ms');
  printFigure(
    'first_card_worker_asleep_ms',
    median(firstCards.map((run) => run.workerAsleep.cardMs)),
    'ms',
  );
  printFigure('first_card_page_dom_ready_ms', pageDomReady, 'ms');

  const budgets: Budget[] = [
    // Issue #15 item 7 on the busy page itself: differences whose intervals usually span the limit
    // on two shared cores (the page's own time swings by seconds); printed, never guessed.
    { name: 'busy_script_added_ms', limit: 5, ...busyScript },
    { name: 'busy_task_added_ms', limit: 30, ...busyTask },
    { name: 'busy_long_tasks_added', limit: 0, ...busyLongTasks },
    { name: 'busy_heap_added_mb', limit: 0.5, ...busyHeap },
    // …and the same limits where they resolve: the extension's whole cost to a page load (the
    // quiet page), its own time once the page keeps changing and the long tasks it made long.
    { name: 'quiet_task_added_ms', limit: 30, ...quietTask },
    { name: 'quiet_script_added_ms', limit: 5, ...quietScript },
    { name: 'busy_extension_while_changing_ms', limit: 5, value: whileChanging },
    { name: 'busy_long_tasks_made_by_extension', limit: 0, value: longTasksMadeByExtension },
    { name: 'first_card_fresh_profile_ms', limit: 1000, value: fresh },
    { name: 'first_card_restart_ms', limit: 500, value: restart },
    { name: 'first_card_later_tab_ms', limit: 300, value: laterTab },
    // Issue #15 item 8 (it was 25 KB before); `npm run check:store` holds the store build to it.
    { name: 'content_script_gzip_kb', limit: 8, value: size.gzip / KB },
    { name: 'script_added_ms', limit: 15, ...scriptAdded },
    { name: 'long_tasks_added', limit: 0, ...longTasksAdded },
    { name: 'card_visible_ms', limit: 500, value: median(cardVisible) },
    { name: 'spa_change_ms', limit: 300, value: median(spaChange) },
    { name: 'prompt_tap_ack_ms', limit: 50, value: median(promptAck) },
    { name: 'prompt_long_tasks_per_prompt', limit: 0, value: promptLongTasks },
  ];
  const { allMet, unresolved } = printBudgets(budgets);
  if (unresolved.length > 0) {
    console.error(
      `unresolved (the interval spans the limit; more runs or a quieter machine): ${unresolved.join(', ')}`,
    );
  }
  process.exitCode = allMet ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
