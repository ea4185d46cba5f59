import { describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, whenIdle, type IdleWindow } from './when-idle';

function fakeWindow(idleCallbacks: boolean) {
  const timers: (() => void)[] = [];
  const idle: { callback: () => void; timeout: number }[] = [];
  const view: IdleWindow = {
    setTimeout: (callback) => timers.push(callback),
    clearTimeout: (handle) => (timers[handle - 1] = () => undefined),
    ...(idleCallbacks && {
      requestIdleCallback: (callback, { timeout }) => idle.push({ callback, timeout }),
      cancelIdleCallback: (handle) => (idle[handle - 1]!.callback = () => undefined),
    }),
  };
  return { view, timers, idle };
}

describe('whenIdle', () => {
  it("waits for the page's idle time, at most IDLE_TIMEOUT_MS", () => {
    const { view, idle, timers } = fakeWindow(true);
    const callback = vi.fn();
    whenIdle(view, callback);
    expect(callback).not.toHaveBeenCalled();
    expect(timers).toHaveLength(0);
    expect(idle).toEqual([{ callback: expect.any(Function), timeout: IDLE_TIMEOUT_MS }]);
    idle[0]!.callback();
    expect(callback).toHaveBeenCalledOnce();
  });

  it('runs in a task of its own where the browser has no idle callbacks', () => {
    const { view, timers } = fakeWindow(false);
    const callback = vi.fn();
    whenIdle(view, callback);
    expect(callback).not.toHaveBeenCalled();
    timers[0]!();
    expect(callback).toHaveBeenCalledOnce();
  });

  it('cancelled, it never runs', () => {
    for (const idleCallbacks of [true, false]) {
      const { view, timers, idle } = fakeWindow(idleCallbacks);
      const callback = vi.fn();
      whenIdle(view, callback)();
      for (const timer of timers) timer();
      for (const { callback: idleCallback } of idle) idleCallback();
      expect(callback).not.toHaveBeenCalled();
    }
  });
});
