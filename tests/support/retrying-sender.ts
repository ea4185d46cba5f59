import { API_PATHS } from '../../contract/api';
import { classifyAnswer, retryDelayMs } from '../../lib/sync/status-policy';

// One agent's uploads as the extension makes them: each batch is sent until the collector acks
// it, and every answer is read with the extension's own status policy (lib/sync/status-policy.ts:
// classifyAnswer, then retryDelayMs for the wait), so a test of collectors behind a load balancer
// exercises the retries a real fleet would make (issue #13, item 6).

/** What a run of sends saw, added up across senders. */
export type SendTally = {
  batches: number;
  attempts: number;
  /** Attempts answered by a retry verdict (502, 503, 5xx, 429) or lost to a network error. */
  retries: number;
  networkErrors: number;
  stored: number;
  /** Events the collector answered `duplicate`: a batch it had stored before its answer was lost. */
  duplicates: number;
  byStatus: Record<number, number>;
};

export const emptyTally = (): SendTally => ({
  batches: 0,
  attempts: 0,
  retries: 0,
  networkErrors: 0,
  stored: 0,
  duplicates: 0,
  byStatus: {},
});

export type RetryingSender = {
  url: string;
  credential: string;
  agentId: string | null;
  /** The extension's `syncBackoffCapSeconds` in ms (5,000 is the smallest a policy may set). */
  backoffCapMs: number;
  random: () => number;
  tally: SendTally;
  /** Gives up on a batch after this long (a test must fail, not hang). */
  giveUpAfterMs?: number;
};

/** POSTs one batch until it is acked; returns the ids answered `stored`. Throws on any other verdict. */
export async function sendUntilAcked(
  sender: RetryingSender,
  events: readonly { id: string }[],
): Promise<string[]> {
  const ids = events.map((event) => event.id);
  const body = JSON.stringify({ agentId: sender.agentId, events });
  const giveUpAt = Date.now() + (sender.giveUpAfterMs ?? 60_000);
  const { tally } = sender;
  tally.batches++;
  for (let attempt = 1; ; attempt++) {
    tally.attempts++;
    let retryAfterMs: number | null = null;
    try {
      const answer = await fetch(`${sender.url}${API_PATHS.events}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${sender.credential}`,
        },
        body,
      });
      const text = await answer.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
      const verdict = classifyAnswer(
        answer.status,
        json,
        answer.headers.get('retry-after'),
        ids,
        Date.now(),
      );
      if (verdict.action === 'ack') {
        const stored = verdict.results.filter((result) => result.status === 'stored');
        tally.stored += stored.length;
        tally.duplicates += verdict.results.filter((r) => r.status === 'duplicate').length;
        if (verdict.results.some((result) => result.status === 'rejected')) {
          throw new Error(`valid events rejected: ${text.slice(0, 300)}`);
        }
        return stored.map((result) => result.id!);
      }
      if (verdict.action !== 'retry') {
        throw new Error(`HTTP ${answer.status} means ${verdict.action}: ${text.slice(0, 300)}`);
      }
      retryAfterMs = verdict.retryAfterMs;
    } catch (error) {
      // A refused or cut connection: the extension retries it like a 5xx.
      if (!(error instanceof TypeError)) throw error;
      tally.networkErrors++;
    }
    tally.retries++;
    if (Date.now() > giveUpAt) throw new Error(`batch not acked after ${attempt} attempts`);
    const delay = retryDelayMs(attempt, sender.backoffCapMs, retryAfterMs, sender.random);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
