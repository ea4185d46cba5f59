import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  createPageAgent,
  PAGE_AGENT_GLOBAL,
  type PageAgent,
} from '@/lib/adapters/builder/page-agent';

// Injected by the adapter builder (scripting.executeScript) into the page an admin builds on, and
// only then (issue #16). It runs in the extension's isolated world: the page cannot see it.
export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & { [PAGE_AGENT_GLOBAL]?: PageAgent };
  scope[PAGE_AGENT_GLOBAL] ??= createPageAgent(document);
});
