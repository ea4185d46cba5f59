// The record URL pattern the builder proposes from the address in front (issue #16): which part
// of it is the record id, as a regular expression an adapter's `records[].url` takes.

export type RecordUrlProposal = {
  /** For `records[].url`: group 1 is the record id. */
  pattern: string;
  recordId: string;
  /** The address split around the id, for showing the id highlighted. */
  before: string;
  after: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for ids of this shape (digits, UUID, or codes such as CAS-01042). */
function idExpression(id: string) {
  if (/^\d+$/.test(id)) return '\\d+';
  if (UUID.test(id)) return '[0-9a-fA-F-]{36}';
  return '[A-Za-z0-9_-]+';
}

/** A path segment or query value that names a record: digits, a UUID, or a code with digits. */
function looksLikeId(value: string) {
  return (
    /^\d+$/.test(value) ||
    UUID.test(value) ||
    (value.length >= 4 && value.length <= 40 && /\d/.test(value) && /^[A-Za-z0-9_-]+$/.test(value))
  );
}

function proposeFromPath(url: URL): RecordUrlProposal | null {
  const segments = url.pathname.split('/');
  let idIndex = -1;
  for (let index = segments.length - 1; index > 0 && idIndex < 0; index--) {
    if (looksLikeId(segments[index]!)) idIndex = index;
  }
  if (idIndex < 0) return null;
  const recordId = segments[idIndex]!;
  // Other ids on the way (an account before the ticket) may differ from record to record.
  const prefix = segments
    .slice(0, idIndex)
    .map((segment) => (looksLikeId(segment) ? '[^/]+' : escapeRegex(segment)))
    .join('/');
  const address = `${url.origin}${segments.slice(0, idIndex).join('/')}/`;
  return {
    pattern: `${prefix}/(${idExpression(recordId)})(?:[/?#]|$)`,
    recordId,
    before: address,
    after: url.href.slice(address.length + recordId.length),
  };
}

function proposeFromQuery(url: URL): RecordUrlProposal | null {
  for (const [name, value] of url.searchParams) {
    if (!looksLikeId(value) || !/^[A-Za-z_][\w-]*$/.test(name)) continue;
    const marker = `${name}=${value}`;
    const at = url.href.indexOf(marker) + name.length + 1;
    return {
      pattern: `${escapeRegex(url.pathname)}\\?(?:[^#]*&)?${escapeRegex(name)}=(${idExpression(value)})(?:[&#]|$)`,
      recordId: value,
      before: url.href.slice(0, at),
      after: url.href.slice(at + value.length),
    };
  }
  return null;
}

/**
 * Proposes the record pattern for an address: the last id-like path segment (`/requests/1042`),
 * else an id-like query value (`tickets.php?id=1`). Null when the address names no record.
 */
export function proposeRecordPattern(address: string): RecordUrlProposal | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  return proposeFromPath(url) ?? proposeFromQuery(url);
}

/** The host pattern that covers the tool: its origin, every path. */
export function hostPatternFor(address: string): string {
  return `${new URL(address).origin}/*`;
}
