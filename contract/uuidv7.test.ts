import { describe, expect, it } from 'vitest';
import { createUuidV7, UUID_V7 } from './uuidv7';

describe('UUIDv7', () => {
  it('is a version-7 RFC 9562 UUID carrying its millisecond timestamp', () => {
    const id = createUuidV7()(Date.UTC(2026, 10, 25, 12));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 25, 12));
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const next = createUuidV7();
    const ids = [next(1000), next(1000), next(1000), next(999), next(1001)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
