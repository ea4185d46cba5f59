import type { AdapterDefinition } from '../definition';
import {
  CollectorError,
  createCollectorClient,
  type CollectorConnection,
  type FetchLike,
} from '../../settings/collector-client';

// Publishing a built adapter to the collector's team adapter definitions (issue #16, item 2):
// `GET /v1/adapters`, replace or append the custom adapter with the same id, `PUT` with the
// version read as `baseVersion`. The collector answers 409 `stale_version` when someone published
// in between; the admin is told and may retry (which reads again). The requests are the console's
// (settings/collector-client.ts), made with the admin token pasted in the builder.

export type PublishResult =
  { status: 'published'; version: number; replaced: boolean } | { status: 'stale' };

/**
 * The team's custom adapters (as stored: the collector checks them all when they are published)
 * with `adapter` in place of the one with its id, or appended.
 */
export function withCustomAdapter(current: readonly unknown[], adapter: AdapterDefinition) {
  const index = current.findIndex(
    (existing) => (existing as { id?: unknown } | null)?.id === adapter.id,
  );
  if (index < 0) return { custom: [...current, adapter], replaced: false };
  return { custom: current.with(index, adapter), replaced: true };
}

/**
 * Publishes adapters to the collector with an admin's token (pasted in the builder for this
 * session, never stored in policy). Failures throw CollectorError, naming what was wrong.
 */
export function createAdapterPublisher(connection: CollectorConnection, fetch: FetchLike) {
  const client = createCollectorClient(connection, fetch);
  return {
    read: () => client.readAdapters(),
    /** Reads the current definitions, puts `adapter` among the custom ones and saves. */
    async publish(adapter: AdapterDefinition): Promise<PublishResult> {
      const current = await client.readAdapters();
      const { custom, replaced } = withCustomAdapter(current.definitions.custom, adapter);
      try {
        const saved = await client.publishAdapters(current.version, {
          ...current.definitions,
          custom,
        });
        return { status: 'published', version: saved.version, replaced };
      } catch (error) {
        if (error instanceof CollectorError && error.status === 409) return { status: 'stale' };
        throw error;
      }
    },
  };
}
