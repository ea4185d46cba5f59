/**
 * `npm start`: a local demo of Touchpoint. Starts two small apps on loopback ("Demo Desk" and
 * "Demo CRM", see demo/) and the collector (embedded database in .data/collector, a demo team with
 * fixed tokens), builds the extension in demo mode (it knows those two apps and that collector),
 * and opens Chromium with the build loaded when there is a display, or prints how to load it.
 *
 *   npm start                   everything
 *   npm start -- --no-build     reuse .output/chrome-mv3-demo when it exists
 *   npm start -- --no-browser   do not launch a browser, print the manual steps instead
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoApps, type DemoApps } from '../demo/server';
import { DEMO_COLLECTOR } from '../demo/policy';
import { ensureDemoTeam, ensureDemoTeamPolicy } from '../demo/demo-team';
import { seedDemoData } from '../demo/demo-data-seed';
import { startCollector, type RunningCollector } from '../server/src';
import { TEST_EXTENSION_ID } from '../tests/e2e/extension-identity';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `wxt build --mode demo` writes the Chrome build (WXT: `{browser}-mv3-{mode}`). */
const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3-demo');
const PROFILE_DIR = path.join(ROOT, '.demo-profile');
const COLLECTOR_DATA_DIR = path.join(ROOT, '.data', 'collector');
/** The demo build has the test builds' fixed id (wxt.config.ts), so its pages have known addresses. */
const EXTENSION_PAGES = {
  options: `chrome-extension://${TEST_EXTENSION_ID}/options.html`,
  console: `chrome-extension://${TEST_EXTENSION_ID}/console.html`,
};
const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

const USAGE = `Usage: npm start [-- --no-build] [-- --no-browser]
  --no-build    skip the build when ${path.relative(ROOT, EXTENSION_DIR)} already exists
  --no-browser  do not launch Chromium; print how to load the extension by hand`;

type Options = { build: boolean; browser: boolean };

function parseArgs(args: readonly string[]): Options {
  const options: Options = { build: true, browser: true };
  for (const arg of args) {
    if (arg === '--no-build') options.build = false;
    else if (arg === '--no-browser') options.browser = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option: ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

const log = (message: string) => console.log(`\n▸ ${message}`);
const isBuilt = () => existsSync(path.join(EXTENSION_DIR, 'manifest.json'));

// Everything the demo has started, so that Ctrl+C / SIGTERM can stop it.
let apps: DemoApps | undefined;
let collector: RunningCollector | undefined;
let buildProcess: ChildProcess | undefined;
let browserProcess: ChildProcess | undefined;
let stopping = false;

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Asks a child to stop (SIGTERM), then insists (SIGKILL) if it is still there after a while. */
function stopChild(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('Stopping the demo…');
  await Promise.all([
    stopChild(buildProcess),
    stopChild(browserProcess),
    apps?.close(),
    collector?.close(),
  ]);
  console.log('Demo apps closed. Bye!');
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals) {
  if (stopping) {
    console.log(`\n${signal} again: exiting now.`);
    process.exit(1);
  }
  void shutdown(0);
}

/** `npx wxt build --mode demo`, its output streamed to this terminal. */
function build(): Promise<void> {
  log('Building the extension in demo mode: npx wxt build --mode demo');
  return new Promise((resolve, reject) => {
    // Piped into a file or another program, the build's spinner would write its control
    // characters there: keep the text, drop the terminal codes.
    const toTerminal = Boolean(process.stdout.isTTY);
    const child = spawn('npx', ['wxt', 'build', '--mode', 'demo'], {
      cwd: ROOT,
      stdio: toTerminal ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    if (!toTerminal) {
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(plainText(chunk)));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(plainText(chunk)));
    }
    buildProcess = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      buildProcess = undefined;
      if (code === 0) resolve();
      else reject(new Error(`the build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Terminal escape sequences (colours, cursor moves) and carriage returns removed. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CODES = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\r(?!\n)/g;
const plainText = (chunk: Buffer) => chunk.toString('utf8').replace(TERMINAL_CODES, '');

/**
 * `npm start` killed (not Ctrl+C, which reaches the whole process group) does not pass the
 * signal on: this process is then adopted by another parent. It stops instead of holding the
 * demo's ports.
 */
function stopWhenOrphaned() {
  const parent = process.ppid;
  const check = setInterval(() => {
    if (process.ppid !== parent) {
      console.log('\nnpm has exited: stopping the demo.');
      void shutdown(0);
    }
  }, 1_000);
  check.unref();
}

function findBrowser(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.warn(`CHROMIUM_PATH=${fromEnv} does not exist; looking for Chromium elsewhere.`);
  }
  return BROWSER_CANDIDATES.find((candidate) => existsSync(candidate));
}

const hasDisplay = () => Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function launchBrowser(executable: string, urls: readonly string[]): ChildProcess {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const args = [
    `--user-data-dir=${PROFILE_DIR}`,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    // Google Chrome 137+ ignores --load-extension unless this feature is off (Chromium honours it).
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    // Chromium refuses to start as root with its sandbox on.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...urls,
  ];
  // Chromium is chatty on stderr: keep its output in the profile folder, out of the terminal.
  const logFile = path.join(PROFILE_DIR, 'browser.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(executable, args, { cwd: ROOT, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  child.once('error', (error) => {
    console.error(`Could not start ${executable}: ${error.message}`);
    printManualSteps(urls);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.log(
      `\nThe browser has closed (${signal ?? `exit code ${code}`}; its log: ${logFile}).` +
        ' The demo apps keep running until Ctrl+C.',
    );
  });
  return child;
}

function printManualSteps(urls: readonly string[]) {
  console.log(`
To load Touchpoint by hand in Chrome or Chromium:
  1. Open chrome://extensions
  2. Turn on "Developer mode" (top right).
  3. Click "Load unpacked" and choose this folder:
       ${EXTENSION_DIR}
     (Loaded it before? Click the reload icon on the Touchpoint card after each build instead.)
  4. Open the two demo apps in that browser:
${urls.map((url) => `       ${url}`).join('\n')}`);
}

function printTour(desk: string, crm: string) {
  console.log(`
Try this (an agent's first ticket):
  • Open ticket #1 in the Demo Desk (${desk}/tickets/1): the sidebar shows its customer.
  • Look her up in the CRM: in a second tab, search the Demo CRM for her email (${crm}/search)
    and open her contact. Back on the ticket, the card merges both, with the phone only the CRM
    has; from then on cards offer "Find in Demo CRM".
  • Solve the ticket ("Solve" on the ticket, after 10 s or more on it): the status changes in place
    and the sidebar asks how easy the ticket was. Answers and timings go to the local collector;
    the popup shows what is waiting and when it was last sent.
  • On a ticket, click "Next ticket": the page swaps the ticket without a reload and the card follows.
  • Ticket #3 and contact #4 belong to a customer whose name is HTML: it shows up as plain text.
  • As a supervisor: options page → "Open the supervisor console", sign in with the supervisor token printed
    above; "Team policy" changes what agents' browsers measure and when they are asked (the demo's
    prompt settings are the team's, so they can be tried there), "Reports" shows the EX × CX report.`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  stopWhenOrphaned();

  log('Starting the demo apps');
  apps = await startDemoApps();
  const urls = [apps.desk, apps.crm];
  console.log(`Demo Desk (helpdesk): ${apps.desk}\nDemo CRM:             ${apps.crm}`);

  log(`Starting the collector (embedded database in ${path.relative(ROOT, COLLECTOR_DATA_DIR)})`);
  const { port } = new URL(DEMO_COLLECTOR.url);
  collector = await startCollector({
    port: Number(port),
    dataDir: COLLECTOR_DATA_DIR,
    log: { level: 'warn' },
  });
  await ensureDemoTeam(collector.db);
  if (await ensureDemoTeamPolicy(collector.db))
    console.log('Team policy: demo prompt settings (editable in the console, "Team policy")');
  // Eight weeks of generated work (seeded, so a restart adds nothing) for the console's report.
  const seeded = await seedDemoData(collector.db, { seed: 1, interactions: 2_000 });
  console.log(`Report data: ${seeded.interactions} generated interactions over the last 8 weeks`);
  console.log(
    `Collector: ${collector.url} (team "${DEMO_COLLECTOR.team}"; supervisor token for the console: ${DEMO_COLLECTOR.supervisorToken})`,
  );

  if (options.build || !isBuilt()) {
    if (!options.build) console.log(`No build in ${EXTENSION_DIR} yet: building anyway.`);
    await build();
  } else {
    log(`Using the existing build (--no-build): ${EXTENSION_DIR}`);
  }
  if (stopping) return;
  if (!isBuilt()) throw new Error(`the build did not produce ${EXTENSION_DIR}/manifest.json`);

  const executable = options.browser && hasDisplay() ? findBrowser() : undefined;
  if (executable) {
    log(`Opening ${executable} with the demo build loaded (profile: ${PROFILE_DIR})`);
    browserProcess = launchBrowser(executable, urls);
    console.log(
      'If no Touchpoint sidebar shows up on a ticket, load the extension by hand (steps below).',
    );
    printManualSteps(urls);
  } else {
    const reason = !options.browser
      ? '--no-browser'
      : !hasDisplay()
        ? 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set'
        : `no Chromium found (set CHROMIUM_PATH, or install one of ${BROWSER_CANDIDATES.join(', ')})`;
    log(`Not launching a browser (${reason}).`);
    printManualSteps(urls);
  }
  printTour(apps.desk, apps.crm);

  log('The demo is running:');
  console.log(
    [
      `  Demo Desk     ${apps.desk}`,
      `  Demo CRM      ${apps.crm}`,
      `  Collector     ${collector.url}`,
      `  Options page  ${EXTENSION_PAGES.options}  (in the browser with the demo build loaded)`,
      `  Console       ${EXTENSION_PAGES.console}  (supervisor token: ${DEMO_COLLECTOR.supervisorToken})`,
      'All three listen on 127.0.0.1 only: nothing is reachable from other machines.',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
});
