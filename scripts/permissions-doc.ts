// The permission list in docs/admin.md must name exactly what the built manifests request
// (issue #6): a change to the manifest's permissions fails `npm run check:store` until the
// documentation, and so the store and works-council disclosures, say why.

export const PERMISSIONS_DOC_MARKERS = {
  start: '<!-- permissions:start -->',
  end: '<!-- permissions:end -->',
} as const;

type Manifest = {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
};

/** Everything a manifest asks the browser for: API permissions and every host it may touch. */
export function requestedPermissions(manifest: Manifest): Set<string> {
  return new Set([
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ]);
}

/** The permissions the docs list: the first cell of each table row between the markers. */
export function documentedPermissions(markdown: string): Set<string> {
  const start = markdown.indexOf(PERMISSIONS_DOC_MARKERS.start);
  const end = markdown.indexOf(PERMISSIONS_DOC_MARKERS.end);
  if (start < 0 || end < start) throw new Error('permission list markers missing');
  const documented = new Set<string>();
  for (const line of markdown.slice(start, end).split('\n')) {
    const first = /^\|\s*`([^`]+)`/.exec(line)?.[1];
    if (first) documented.add(first);
  }
  return documented;
}

/** What the docs miss and what they list that no manifest requests. */
export function comparePermissions(requested: Set<string>, documented: Set<string>) {
  return {
    undocumented: [...requested].filter((permission) => !documented.has(permission)).sort(),
    notRequested: [...documented].filter((permission) => !requested.has(permission)).sort(),
  };
}
