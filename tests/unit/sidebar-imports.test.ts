import { describe, expect, it, vi } from 'vitest';

// The sidebar's first card waits for its script: it must not build the whole protocol's schemas
// or every built-in adapter before it shows one (issue #15 item 6; about 50 ms of a cold start).
vi.mock('@/lib/messaging/protocol', () => {
  throw new Error('the sidebar imported the whole protocol (lib/messaging/protocol.ts)');
});
vi.mock('@/lib/adapters/registry', () => {
  throw new Error('the sidebar imported every built-in adapter (lib/adapters/registry.ts)');
});

describe('the sidebar page', () => {
  it('imports its own requests and port schemas only', async () => {
    const sidebar = await import('@/entrypoints/sidepanel/SidebarApp');
    expect(sidebar.SidebarApp).toBeTypeOf('function');
  });
});
