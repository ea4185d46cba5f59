import { describe, expect, it } from 'vitest';
import { withRetries } from './retry';

describe('withRetries', () => {
  it('tries again after each failure, waiting the given delays, until it succeeds', async () => {
    const waited: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('Receiving end does not exist');
        return 'hello';
      },
      [50, 100, 200],
      async (ms) => void waited.push(ms),
    );
    expect(result).toBe('hello');
    expect(waited).toEqual([50, 100]);
  });

  it('gives up with the last error once the delays are used up', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw new Error(`try ${calls}`);
        },
        [1, 1],
        async () => undefined,
      ),
    ).rejects.toThrow('try 3');
  });
});
