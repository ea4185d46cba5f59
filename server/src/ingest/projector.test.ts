import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProjector } from './projector';

describe('projector schedule', () => {
  // setImmediate stays real: the projector yields with it between chunks.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  /** A queue of `pending` events projected `chunk` at a time, recording when chunks ran. */
  function fakeQueue(pending: number, chunk = 100) {
    const runs: number[] = [];
    return {
      runs,
      add(events: number) {
        pending += events;
      },
      get pending() {
        return pending;
      },
      projectChunk: async () => {
        const projected = Math.min(chunk, pending);
        pending -= projected;
        if (projected > 0) runs.push(Date.now());
        return projected;
      },
    };
  }

  it('waits until ingest has been quiet, then drains the whole queue chunk by chunk', async () => {
    const queue = fakeQueue(250);
    const projector = createProjector({ ...queue, onError: vi.fn(), quietMs: 200 });
    projector.kick();
    await vi.advanceTimersByTimeAsync(150);
    projector.kick();
    await vi.advanceTimersByTimeAsync(150);
    expect(queue.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(queue.pending).toBe(0));
    expect(queue.runs).toHaveLength(3);
    await projector.close();
  });

  it('projects at the latest maxDelayMs after the first kick, even while ingest never pauses', async () => {
    const queue = fakeQueue(0);
    const projector = createProjector({
      ...queue,
      onError: vi.fn(),
      quietMs: 200,
      maxDelayMs: 1_000,
    });
    const started = Date.now();
    for (let t = 0; t < 1_500; t += 50) {
      queue.add(10);
      projector.kick();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(queue.runs.length).toBeGreaterThan(0);
    expect(queue.runs[0]! - started).toBeLessThanOrEqual(1_000);
    await projector.close();
  });

  it('reports a failing chunk and tries again on the next kick', async () => {
    const onError = vi.fn();
    let fail = true;
    const queue = fakeQueue(50);
    const projector = createProjector({
      projectChunk: async () => {
        if (fail) throw new Error('database went away');
        return queue.projectChunk();
      },
      onError,
      quietMs: 10,
    });
    projector.kick();
    await vi.advanceTimersByTimeAsync(20);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'database went away' }),
    );
    expect(queue.pending).toBe(50);
    fail = false;
    projector.kick();
    await vi.advanceTimersByTimeAsync(20);
    await vi.waitFor(() => expect(queue.pending).toBe(0));
    await projector.close();
  });

  it('close waits for the chunk in progress and starts no other', async () => {
    let release: (() => void) | undefined;
    let chunks = 0;
    const projector = createProjector({
      projectChunk: () =>
        new Promise<number>((resolve) => {
          chunks++;
          release = () => resolve(100);
        }),
      onError: vi.fn(),
      quietMs: 10,
    });
    projector.kick();
    await vi.advanceTimersByTimeAsync(20);
    expect(chunks).toBe(1);
    let closed = false;
    const closing = projector.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    release!();
    await closing;
    projector.kick();
    await vi.advanceTimersByTimeAsync(100);
    expect(chunks).toBe(1);
  });
});
