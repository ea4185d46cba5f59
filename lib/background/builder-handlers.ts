import type { BUILDER_REQUESTS } from '../messaging/builder-requests';
import type { Handlers } from '../messaging/router';
import type { Settings } from '../settings/definitions';

export type BuilderDeps = { policy: () => Promise<{ settings: Settings }> };

/** Handlers of the adapter builder's requests (lib/messaging/builder-requests.ts). */
export function createBuilderHandlers(
  deps: BuilderDeps,
): Pick<Handlers, keyof typeof BUILDER_REQUESTS> {
  return {
    async 'builder.status'() {
      const { settings } = await deps.policy();
      return {
        allowed: settings.adapterBuilder,
        collectorUrl: settings.collectorUrl ?? null,
      };
    },
  };
}
