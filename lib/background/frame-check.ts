import { compileMatchPattern } from '../adapters/read-record';
import { SIDEBAR_PAGE } from '../constants';

type ManifestWar = { web_accessible_resources?: unknown };

/**
 * Whether the sidebar frame may be embedded on a URL: exactly where the manifest lists the sidebar
 * page as web-accessible (built-in CRM origins; demo origins in demo builds). Elsewhere a frame
 * would be refused, with an error in the host page's console, so the side panel is used instead.
 */
export function createFrameCheck(manifest: ManifestWar): (url: string) => boolean {
  const entries = Array.isArray(manifest.web_accessible_resources)
    ? (manifest.web_accessible_resources as { resources?: string[]; matches?: string[] }[])
    : [];
  const patterns = entries
    // Firefox's getManifest() writes resources with a leading slash ("/sidepanel.html").
    .filter((entry) =>
      entry.resources?.some((resource) => resource.replace(/^\//, '') === SIDEBAR_PAGE),
    )
    .flatMap((entry) => entry.matches ?? [])
    .map(compileMatchPattern);
  return (url) => patterns.some((pattern) => pattern.test(url));
}
