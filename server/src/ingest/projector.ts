// When the collector projects queued events into interactions (issue #5 ingest budget, issue #7
// reports). Ingest only queues; projecting right away would put the work back on the request
// path, so it waits until ingest has been quiet for `quietMs`, or at most `maxDelayMs` after the
// first event queued, and then runs one chunk (one transaction) at a time, so a request that
// arrives meanwhile waits for at most one chunk. Reports never depend on this schedule: they
// project what is still queued before reading (Database.loadReportColumns).

export type ProjectorOptions = {
  /** Projects one chunk; resolves to the number of events projected, 0 when none were queued. */
  projectChunk: () => Promise<number>;
  onError: (error: unknown) => void;
  quietMs?: number;
  maxDelayMs?: number;
};

export type Projector = {
  /** Something was queued: schedule a run. */
  kick(): void;
  /** Stops scheduling and waits for the chunk in progress. */
  close(): Promise<void>;
};

export const PROJECTOR_DEFAULTS = { quietMs: 200, maxDelayMs: 5_000 };

export function createProjector(options: ProjectorOptions): Projector {
  const { quietMs, maxDelayMs } = { ...PROJECTOR_DEFAULTS, ...options };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstKickAt: number | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  async function drain() {
    try {
      while (!closed && (await options.projectChunk()) > 0) {
        // Let requests that arrived during the chunk go first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      options.onError(error);
    }
  }

  function run() {
    timer = undefined;
    firstKickAt = undefined;
    if (closed) return;
    if (running) {
      // A run is in progress and will pick the new rows up, unless it has already checked;
      // running again after it is cheap when it has not.
      void running.then(() => schedule(0));
      return;
    }
    running = drain().finally(() => (running = undefined));
  }

  function schedule(delayMs: number) {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref?.();
  }

  return {
    kick() {
      const now = Date.now();
      firstKickAt ??= now;
      schedule(Math.max(0, Math.min(quietMs, firstKickAt + maxDelayMs - now)));
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
