import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so that two equal values always compare equal as text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type PolicyChange = { setting: string; oldValue: unknown; newValue: unknown };

/**
 * The settings a new team policy changes, one entry per setting, sorted by name. A setting that
 * appears or disappears has `null` on the missing side.
 */
export function diffPolicy(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
): PolicyChange[] {
  const names = [...new Set([...Object.keys(current), ...Object.keys(next)])].sort();
  return names
    .filter((name) => stableJson(current[name] ?? null) !== stableJson(next[name] ?? null))
    .map((name) => ({
      setting: name,
      oldValue: current[name] ?? null,
      newValue: next[name] ?? null,
    }));
}

/**
 * Strong ETag of a team's stored policy: its version and the first 16 hex digits of the SHA-256
 * of its content (`stableJson`, so key order does not count). The version alone was not enough:
 * after a backup is restored, or a team's policy row made again, version N may hold other content
 * than the N a browser or console read, and a browser's `If-None-Match` got 304 for a policy no
 * longer stored, a stale console's `If-Match` overwrote settings it never saw. A function of the
 * row alone, so every collector on one database gives the same ETag. GET and PUT /v1/policy both
 * make and check it with this.
 */
export function policyEtag(stored: { version: number; policy: Record<string, unknown> }): string {
  const digest = createHash('sha256').update(stableJson(stored.policy)).digest('hex');
  return `"v${stored.version}-${digest.slice(0, 16)}"`;
}

/** Whether an `If-None-Match` / `If-Match` header names `etag` (RFC 9110 §13.1, weak tags too). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
