import { SCALE_CODE, type ListColumn, type ReportColumns } from '../reports/report-columns';
import { browserFirstWeeksSql } from './first-reportable-week';
import { sqlLiteral, type SqlClient } from './sql-client';

// The report's input straight from the interactions table into typed columns (issue #7,
// acceptance 5). Rows come as PostgreSQL's binary COPY format and are parsed byte by byte: no
// JS object and no string per row, ids interned by their bytes and decoded once per distinct id.
// scripts/bench/report-load.ts measures it on a million rows.

/**
 * The team's browsers whose first reportable week (`browserFirstWeeksSql`) starts after `fromMs`,
 * with that week's start. Rows a browser recorded before its first sync in the same week still
 * count, and rows with no enrolment (from before enrolment existed) count as before. Usually none
 * are late, and the report's query is unchanged.
 */
async function lateBrowsers(client: SqlClient, team: string, fromMs: number) {
  const { rows } = await client.query<{ enrolment_key: string; counts_from_ms: string | number }>(
    `SELECT enrolment_key, extract(epoch FROM counts_from) * 1000 AS counts_from_ms
     FROM (${browserFirstWeeksSql('$1')}) w
     WHERE counts_from > to_timestamp($2 / 1000.0)`,
    [team, fromMs],
  );
  return rows.map((row) => ({ key: row.enrolment_key, countsFromMs: Number(row.counts_from_ms) }));
}
type LateBrowser = Awaited<ReturnType<typeof lateBrowsers>>[number];

/** Leaves out the late browsers' rows before their first reportable week (a hashed key test). */
function withoutEarlyRowsOf(late: readonly LateBrowser[]) {
  if (late.length === 0) return '';
  const keys = late.map(({ key }) => sqlLiteral(key)).join(', ');
  const countsFrom = late
    .map(
      ({ key, countsFromMs }) =>
        `WHEN ${sqlLiteral(key)} THEN to_timestamp(${sqlLiteral(countsFromMs)} / 1000.0)`,
    )
    .join(' ');
  return ` AND (install IS NULL OR install <> ALL (ARRAY[${keys}])
     OR ended_at >= CASE install ${countsFrom} END)`;
}

/** The rows of a team's period within `blocks` of the table, in the order `readTuple` reads. */
const reportQuery = (
  team: string,
  fromMs: number,
  toMs: number,
  late: readonly LateBrowser[],
  blocks: BlockRange,
) =>
  `SELECT agent_id, CASE WHEN agent_id IS NULL THEN install END,
     app, ended_at, handle_ms, away_ms, switch_count, effort_score, effort_scale,
     array_to_string(away_apps, E'\\x1f'),
     CASE WHEN cardinality(reasons) > 0 THEN array_to_string(reasons, E'\\x1f') END, csat,
     CASE WHEN csat IS NOT NULL THEN substr(record_hash, 1, ${RATING_KEY_DIGITS}) END
   FROM interactions
   WHERE team = ${sqlLiteral(team)} AND ended_at >= to_timestamp(${sqlLiteral(fromMs)} / 1000.0)
     AND ended_at < to_timestamp(${sqlLiteral(toMs)} / 1000.0)${withoutEarlyRowsOf(late)}${tidCondition(blocks)}`;
const FIELDS = 13;

/** Table blocks from `from` up to `to`; null is the table's start or end. */
type BlockRange = { from: number | null; to: number | null };

const tidCondition = ({ from, to }: BlockRange) =>
  (from === null ? '' : ` AND ctid >= '(${from},0)'::tid`) +
  (to === null ? '' : ` AND ctid < '(${to},0)'::tid`);

/**
 * The team's interactions that ended in [fromMs, toMs) as report columns. On PostgreSQL the
 * table is cut into `streams` ranges of blocks read by as many backends at once: scanning the
 * table is most of the server's work, and a TID range scan reads only its own blocks (a cut by
 * time made each backend scan the whole table: rows are not stored in time order). The copies
 * share one snapshot, so a row updated meanwhile is read once. Where the team's period is a
 * small part of the table the planner still takes the index on (team, ended_at).
 */
export async function loadReportColumns(
  client: SqlClient,
  team: string,
  fromMs: number,
  toMs: number,
  streams = client.engine === 'postgres' ? 2 : 1,
): Promise<ReportColumns> {
  const dictionaries = createDictionaries();
  const late = await lateBrowsers(client, team, fromMs);
  const ranges = streams > 1 ? await splitBlocks(client, streams) : [{ from: null, to: null }];
  const readers = ranges.map(() => createReportColumnsReader(dictionaries));
  await client.copyBinary(
    ranges.map((blocks, at) => ({
      query: reportQuery(team, fromMs, toMs, late, blocks),
      onData: (chunk) => readers[at]!.push(chunk),
    })),
  );
  const parts = readers.map((reader) => reader.finish());
  return joinParts(team, dictionaries, parts);
}

/**
 * `parts` ranges of about as many blocks each, covering the whole table: the first starts at
 * its start and the last is open, so rows written after the size was read are still read.
 */
async function splitBlocks(client: SqlClient, parts: number): Promise<BlockRange[]> {
  const { rows } = await client.query<{ blocks: string | number }>(
    `SELECT pg_relation_size('interactions') / current_setting('block_size')::integer AS blocks`,
  );
  const blocks = Number(rows[0]?.blocks ?? 0);
  const cuts = Array.from({ length: parts - 1 }, (_, at) =>
    Math.floor((blocks * (at + 1)) / parts),
  ).filter((cut, at, all) => cut > 0 && cut !== all[at - 1]);
  return [null, ...cuts].map((from, at) => ({ from, to: cuts[at] ?? null }));
}

// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
/** timestamptz travels as microseconds since 2000-01-01 UTC. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const LIST_SEPARATOR = 0x1f;
const UTF8 = new TextDecoder();

const int32 = (b: Uint8Array, p: number) =>
  (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
const int16 = (b: Uint8Array, p: number) => ((b[p]! << 24) | (b[p + 1]! << 16)) >> 16;
/** Exact up to 2^53, like the `::float8` of the row path. */
const int64 = (b: Uint8Array, p: number) => int32(b, p) * 4_294_967_296 + (int32(b, p + 4) >>> 0);

function grow<
  A extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>,
>(array: A, length: number): A {
  if (length <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => A)(
    Math.max(length, array.length * 2),
  );
  grown.set(array);
  return grown;
}

/** Looks up the bytes b[start..end) and returns their index in the dictionary's values. */
type BytesIndex = (b: Uint8Array, start: number, end: number) => number;

/**
 * The hash of b[start..end) from its length and at most 12 of its bytes (first, middle and last
 * four): ids are short and mostly differ at the ends, and a byte-by-byte hash cost as much as
 * the comparison that confirms every hit anyway (a fifth of the parse time).
 */
function sampleHash(b: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let hash = Math.imul(length, 0x9e3779b1);
  if (length < 4) {
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i]!, 0x01000193);
  } else {
    hash = Math.imul(hash ^ int32(b, start), 0x01000193);
    hash = Math.imul(hash ^ int32(b, start + ((length - 4) >> 1)), 0x01000193);
    hash = Math.imul(hash ^ int32(b, end - 4), 0x01000193);
  }
  return hash ^ (hash >>> 15);
}

/**
 * Interns UTF-8 byte strings into `values`: equal bytes get the same index, and each distinct
 * string is decoded once. Open addressing on `sampleHash`; keys kept in one byte arena.
 */
function createBytesDictionary<T>(
  values: T[],
  decode: (b: Uint8Array, start: number, end: number) => T,
): BytesIndex {
  let slots = new Int32Array(64).fill(-1);
  let arena = new Uint8Array(1024);
  let arenaLength = 0;
  let offsets = new Int32Array(32);
  let lengths = new Int32Array(32);
  let hashes = new Int32Array(32);
  let indexes = new Int32Array(32);
  let count = 0;
  const place = (hash: number) => {
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    return slot;
  };
  return (b, start, end) => {
    const length = end - start;
    const hash = sampleHash(b, start, end);
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === -1) break;
      if (hashes[entry] !== hash || lengths[entry] !== length) continue;
      const offset = offsets[entry]!;
      let i = 0;
      while (i < length && arena[offset + i] === b[start + i]) i++;
      if (i === length) return indexes[entry]!;
    }
    const entry = count++;
    arena = grow(arena, arenaLength + length);
    arena.set(b.subarray(start, end), arenaLength);
    offsets = grow(offsets, count);
    lengths = grow(lengths, count);
    hashes = grow(hashes, count);
    indexes = grow(indexes, count);
    offsets[entry] = arenaLength;
    lengths[entry] = length;
    hashes[entry] = hash;
    indexes[entry] = values.length;
    arenaLength += length;
    values.push(decode(b, start, end));
    if (count * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2).fill(-1);
      for (let at = 0; at < count; at++) slots[place(hashes[at]!)] = at;
    } else {
      slots[place(hash)] = entry;
    }
    return indexes[entry]!;
  };
}

type Dictionaries = ReturnType<typeof createDictionaries>;

const text = (b: Uint8Array, start: number, end: number) => UTF8.decode(b.subarray(start, end));

/**
 * The items of a list sent as array_to_string(list, E'\x1f'): a third of the bytes of the
 * binary array format, and the row path's meaning (NULL items dropped, '' = no items).
 */
function splitList(b: Uint8Array, start: number, end: number, indexOf: BytesIndex): Int32Array {
  const items: number[] = [];
  for (let i = start; i <= end; i++) {
    if (i < end && b[i] !== LIST_SEPARATOR) continue;
    items.push(indexOf(b, start, i));
    start = i + 1;
  }
  return Int32Array.from(items);
}

/** Hex digits a rating is keyed by: 48 bits, times 8 for the CSAT, stays an exact double. */
const RATING_KEY_DIGITS = 12;

/**
 * Dense ids of CSAT ratings (issue #14): the interactions of one ticket share its rating, so n
 * counts ratings, not interactions. Keyed by the record hash's first 48 bits (only those are
 * read) and the score: one probe of a typed table per rated row (a Map of half a million
 * numbers cost 300 ms of a 1.3 s load; this costs 70 ms), not 64-character strings interned; two records
 * whose hashes share 48 bits (odds about n²/2⁴⁹: 0.2 % for a million rated records) would count
 * as one rating. A rated row without a record hash is a rating of its own.
 */
function createRatingIndex() {
  let keys = new Float64Array(1 << 16).fill(-1);
  let ids = new Int32Array(1 << 16);
  let used = 0;
  let count = 0;
  const slotOf = (table: Float64Array, key: number) => {
    const mask = table.length - 1;
    let slot = (Math.imul(key | 0, 0x9e3779b1) >>> 0) & mask;
    while (table[slot] !== -1 && table[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };
  const grow = () => {
    const oldKeys = keys;
    const oldIds = ids;
    keys = new Float64Array(oldKeys.length * 2).fill(-1);
    ids = new Int32Array(oldKeys.length * 2);
    for (let at = 0; at < oldKeys.length; at++) {
      if (oldKeys[at] === -1) continue;
      const slot = slotOf(keys, oldKeys[at]!);
      keys[slot] = oldKeys[at]!;
      ids[slot] = oldIds[at]!;
    }
  };
  return (b: Uint8Array, start: number, size: number, csat: number): number => {
    if (size < 0) return count++;
    let key = 0;
    const end = start + Math.min(size, RATING_KEY_DIGITS);
    for (let i = start; i < end; i++) key = key * 16 + hexValue(b[i]!);
    key = key * 8 + csat;
    const slot = slotOf(keys, key);
    if (keys[slot] === key) return ids[slot]!;
    keys[slot] = key;
    ids[slot] = count;
    if (++used * 2 > keys.length) grow();
    return count++;
  };
}

/** 0–15 for a lower-case hex digit; any other byte still maps to a fixed value. */
const hexValue = (byte: number) => (byte <= 57 ? byte - 48 : byte - 87) & 15;

/**
 * The dictionaries, shared by the readers of one load so that their indexes agree. Whole lists
 * are interned too: a team has few distinct ones, so a row's list costs one lookup.
 */
function createDictionaries() {
  const agentIds: (string | null)[] = [];
  const appIds: string[] = [];
  const reasonIds: string[] = [];
  const scaleCodes: number[] = [];
  const awayAppLists: Int32Array[] = [];
  const reasonLists: Int32Array[] = [];
  let nullAgent = -1;
  const appOf = createBytesDictionary(appIds, text);
  const reasonOf = createBytesDictionary(reasonIds, text);
  return {
    agentIds,
    appIds,
    reasonIds,
    scaleCodes,
    awayAppLists,
    reasonLists,
    agentOf: createBytesDictionary(agentIds, text),
    // In anonymous mode the install a row came from counts as a person (issue #14), shown as no
    // one: its index is in the same list as the agents', its id is null.
    installOf: createBytesDictionary(agentIds, () => null),
    ratingOf: createRatingIndex(),
    nullAgent: () => (nullAgent === -1 ? (nullAgent = agentIds.push(null) - 1) : nullAgent),
    appOf,
    awayAppListOf: createBytesDictionary(awayAppLists, (b, start, end) =>
      splitList(b, start, end, appOf),
    ),
    reasonListOf: createBytesDictionary(reasonLists, (b, start, end) =>
      splitList(b, start, end, reasonOf),
    ),
    scaleOf: createBytesDictionary(scaleCodes, (b, start, end) => {
      const scale = text(b, start, end);
      return Object.hasOwn(SCALE_CODE, scale) ? SCALE_CODE[scale as keyof typeof SCALE_CODE] : 0;
    }),
  };
}

/**
 * Rows are kept in blocks of this many, so that a column never grows by copying: `joinParts`
 * copies each value once, into an array of the exact size.
 */
const BLOCK_ROWS = 65_536;

function createBlock() {
  return {
    agent: new Int32Array(BLOCK_ROWS),
    app: new Int32Array(BLOCK_ROWS),
    occurredAt: new Float64Array(BLOCK_ROWS),
    handleMs: new Float64Array(BLOCK_ROWS),
    awayMs: new Float64Array(BLOCK_ROWS),
    switchCount: new Float64Array(BLOCK_ROWS),
    effortScore: new Uint8Array(BLOCK_ROWS),
    effortScale: new Uint8Array(BLOCK_ROWS),
    csat: new Uint8Array(BLOCK_ROWS),
    rating: new Int32Array(BLOCK_ROWS),
    /** How many items each row's list has. */
    awayAppCount: new Int32Array(BLOCK_ROWS),
    reasonCount: new Int32Array(BLOCK_ROWS),
  };
}
type Block = ReturnType<typeof createBlock>;

type Items = { blocks: Int32Array[]; length: number };

/** The items of one list column, in blocks. */
function createItems() {
  const items: Items = { blocks: [new Int32Array(BLOCK_ROWS)], length: 0 };
  let block = items.blocks[0]!;
  let at = 0;
  const push = (item: number) => {
    if (at === BLOCK_ROWS) {
      items.blocks.push((block = new Int32Array(BLOCK_ROWS)));
      at = 0;
    }
    block[at++] = item;
    items.length++;
  };
  return {
    items,
    /** Appends a row's list; returns how many items it has. */
    pushList(list: Int32Array): number {
      for (let i = 0; i < list.length; i++) push(list[i]!);
      return list.length;
    },
  };
}

type Part = { length: number; blocks: Block[]; awayApps: Items; reasons: Items };

/**
 * Parses a binary COPY of `reportQuery` fed in chunks of any size; `finish` checks that the
 * output was complete and returns its rows.
 */
function createReportColumnsReader(dictionaries: Dictionaries) {
  const { agentOf, installOf, appOf, scaleOf, scaleCodes, awayAppListOf, reasonListOf, ratingOf } =
    dictionaries;
  const { awayAppLists, reasonLists } = dictionaries;
  let block = createBlock();
  const blocks = [block];
  /** Rows read, and the next row's index in its block. */
  let n = 0;
  let r = 0;
  const awayApps = createItems();
  const reasons = createItems();

  /** The start of a tuple that the previous chunk cut short. */
  let pending: Uint8Array | null = null;
  let headerRead = false;
  let ended = false;

  /** Reads the tuple at p, which is whole (see `tupleEnd`). */
  const readTuple = (b: Uint8Array, p: number) => {
    if (r === BLOCK_ROWS) {
      blocks.push((block = createBlock()));
      r = 0;
    }
    let q = p + 2;
    let size = int32(b, q);
    q += 4;
    if (size >= 0) {
      block.agent[r] = agentOf(b, q, q + size);
      q += size + 4; // the install: NULL for a named agent
    } else {
      size = int32(b, q);
      q += 4;
      block.agent[r] = size < 0 ? dictionaries.nullAgent() : installOf(b, q, q + size);
      q += Math.max(size, 0);
    }
    size = int32(b, q);
    block.app[r] = appOf(b, q + 4, q + 4 + size);
    q += 4 + size;
    // Fixed-size NOT NULL fields: timestamptz, int8, int8, int4, each after its length.
    block.occurredAt[r] = Math.round(int64(b, q + 4) / 1000) + PG_EPOCH_MS;
    block.handleMs[r] = int64(b, q + 16);
    block.awayMs[r] = int64(b, q + 28);
    block.switchCount[r] = int32(b, q + 40);
    q += 44;
    const scoreSize = int32(b, q);
    const score = scoreSize < 0 ? 0 : int16(b, q + 4);
    q += 4 + Math.max(scoreSize, 0);
    size = int32(b, q);
    q += 4;
    if (size >= 0) {
      if (scoreSize >= 0) {
        block.effortScore[r] = score;
        block.effortScale[r] = scaleCodes[scaleOf(b, q, q + size)]!;
      }
      q += size;
    }
    size = int32(b, q);
    block.awayAppCount[r] = awayApps.pushList(awayAppLists[awayAppListOf(b, q + 4, q + 4 + size)]!);
    q += 4 + size;
    size = int32(b, q);
    // NULL when there are none: see reportQuery.
    block.reasonCount[r] =
      size < 0 ? 0 : reasons.pushList(reasonLists[reasonListOf(b, q + 4, q + 4 + size)]!);
    q += 4 + Math.max(size, 0);
    size = int32(b, q);
    const csat = size < 0 ? 0 : int16(b, q + 4);
    block.csat[r] = csat;
    q += 4 + Math.max(size, 0);
    size = int32(b, q);
    block.rating[r] = csat === 0 ? -1 : ratingOf(b, q + 4, size, csat);
    n++;
    r++;
  };

  /** Where the tuple at p ends, or -1 when the buffer stops before that. */
  const tupleEnd = (b: Uint8Array, p: number): number => {
    let q = p + 2;
    for (let field = 0; field < FIELDS; field++) {
      if (q + 4 > b.length) return -1;
      q += 4 + Math.max(int32(b, q), 0);
    }
    return q <= b.length ? q : -1;
  };

  const headerEnd = (b: Uint8Array): number => {
    if (b.length < HEADER_BYTES) return -1;
    if (SIGNATURE.some((byte, at) => b[at] !== byte)) throw new Error('not a binary COPY');
    const extension = int32(b, SIGNATURE.length + 4);
    return b.length < HEADER_BYTES + extension ? -1 : HEADER_BYTES + extension;
  };

  return {
    push(chunk: Uint8Array) {
      if (ended) throw new Error('binary COPY: data after the trailer');
      let b = chunk;
      if (pending !== null) {
        b = new Uint8Array(pending.length + chunk.length);
        b.set(pending);
        b.set(chunk, pending.length);
        pending = null;
      }
      let p = 0;
      if (!headerRead) {
        p = headerEnd(b);
        if (p < 0) {
          pending = b.slice();
          return;
        }
        headerRead = true;
      }
      while (p + 2 <= b.length) {
        const fields = int16(b, p);
        if (fields === -1) {
          ended = true;
          p += 2;
          break;
        }
        if (fields !== FIELDS) throw new Error(`binary COPY: ${fields} fields, not ${FIELDS}`);
        const end = tupleEnd(b, p);
        if (end < 0) break;
        readTuple(b, p);
        p = end;
      }
      if (p === b.length) return;
      if (ended) throw new Error('binary COPY: data after the trailer');
      pending = b.slice(p);
    },
    finish(): Part {
      if (!ended) throw new Error('binary COPY: output ended before its trailer');
      return { length: n, blocks, awayApps: awayApps.items, reasons: reasons.items };
    },
  };
}

/** The parts' rows one after the other, in arrays of their exact size. */
function joinParts(
  team: string,
  dictionaries: Dictionaries,
  parts: readonly Part[],
): ReportColumns {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  /** Every block with how many of its rows are filled. */
  const filled = parts.flatMap((part) =>
    part.blocks.map((block, at) => ({
      block,
      rows: Math.min(BLOCK_ROWS, part.length - at * BLOCK_ROWS),
    })),
  );
  const join = <A extends Int32Array | Float64Array | Uint8Array>(
    make: new (length: number) => A,
    pick: (block: Block) => A,
  ): A => {
    const joined = new make(length);
    let at = 0;
    for (const { block, rows } of filled) {
      joined.set(pick(block).subarray(0, rows), at);
      at += rows;
    }
    return joined;
  };
  const list = (count: (block: Block) => Int32Array, items: (part: Part) => Items): ListColumn => {
    const start = new Int32Array(length + 1);
    let row = 0;
    for (const { block, rows } of filled) {
      const counts = count(block);
      for (let i = 0; i < rows; i++, row++) start[row + 1] = start[row]! + counts[i]!;
    }
    const joined = new Int32Array(start[length]!);
    let at = 0;
    for (const part of parts) {
      let left = items(part).length;
      for (const block of items(part).blocks) {
        const take = Math.min(BLOCK_ROWS, left);
        joined.set(block.subarray(0, take), at);
        at += take;
        left -= take;
      }
    }
    return { start, items: joined };
  };
  return {
    team: length === 0 ? null : team,
    length,
    agentIds: dictionaries.agentIds,
    agent: join(Int32Array, (block) => block.agent),
    appIds: dictionaries.appIds,
    app: join(Int32Array, (block) => block.app),
    occurredAt: join(Float64Array, (block) => block.occurredAt),
    handleMs: join(Float64Array, (block) => block.handleMs),
    awayMs: join(Float64Array, (block) => block.awayMs),
    switchCount: join(Float64Array, (block) => block.switchCount),
    effortScore: join(Uint8Array, (block) => block.effortScore),
    effortScale: join(Uint8Array, (block) => block.effortScale),
    csat: join(Uint8Array, (block) => block.csat),
    rating: join(Int32Array, (block) => block.rating),
    awayApps: list(
      (block) => block.awayAppCount,
      (part) => part.awayApps,
    ),
    reasonIds: dictionaries.reasonIds,
    reasons: list(
      (block) => block.reasonCount,
      (part) => part.reasons,
    ),
  };
}
