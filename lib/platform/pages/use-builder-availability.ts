import { useEffect, useState } from 'react';
import { sidebarRequest } from './sidebar-client';

// Apart from use-adapter-builder.ts: every sidebar asks this, and only admins load the builder.

export type BuilderAvailability = { allowed: boolean; collectorUrl: string | null };

/** Whether managed policy lets this browser build adapters (asked once per side panel). */
export function useBuilderAvailability(): BuilderAvailability {
  const [availability, setAvailability] = useState<BuilderAvailability>({
    allowed: false,
    collectorUrl: null,
  });
  useEffect(() => {
    sidebarRequest('builder.status', {}).then(setAvailability, () => undefined);
  }, []);
  return availability;
}
