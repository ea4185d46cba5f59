import type pg from 'pg';

// COPY … TO STDOUT on a `pg` client, its CopyData payloads handed over as they arrive. PostgreSQL
// sends one CopyData message per row; pg's own parser (or pg-copy-streams) spends about half a
// microsecond of JS per message on objects and events, as much as parsing the rows themselves
// (measured on 1,000,000 report rows: ~500 ms). So while the COPY runs this reads the socket
// itself, the way pg-copy-streams does (remove pg's 'data' listener, give it back the bytes after
// CopyDone), and hands pg every message after the data so that pg finishes the query as usual.
// https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY

const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const COPY_OUT_RESPONSE = 0x48; // 'H'
const ERROR_RESPONSE = 0x45; // 'E'
/** Messages the server may send at any time, skipped here (as pg-copy-streams does). */
const ASYNC_MESSAGES = new Set([0x4e, 0x41, 0x53]); // 'N' notice, 'A' notification, 'S' parameter

type DataListener = (chunk: Buffer) => void;

/** Runs `statement` (a COPY … TO STDOUT) on `client`; resolves when pg is done with it. */
export function copyOut(
  client: pg.ClientBase,
  statement: string,
  onData: (payload: Uint8Array) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    const fail = (error: unknown) =>
      (failure ??= error instanceof Error ? error : new Error(String(error)));
    const submittable = {
      submit(connection: pg.Connection) {
        // pg answers an error returned from submit with handleError alone, no ReadyForQuery.
        try {
          hijack(connection.stream, onData, fail);
        } catch (error) {
          return error;
        }
        connection.query(statement);
      },
      handleCommandComplete() {},
      // pg drops the query on ErrorResponse (or a failed submit): no ReadyForQuery reaches it.
      handleError(error: unknown) {
        reject(fail(error));
      },
      handleReadyForQuery() {
        if (failure === null) resolve();
        else reject(failure);
      },
    };
    client.query(submittable);
  });
}

function hijack(
  stream: NodeJS.ReadableStream,
  onData: (payload: Uint8Array) => void,
  onFailure: (error: unknown) => void,
) {
  const listeners = stream.listeners('data') as DataListener[];
  if (listeners.length !== 1) throw new Error(`pg: ${listeners.length} socket readers, not 1`);
  const pgListener = listeners[0]!;
  stream.removeListener('data', pgListener);
  /** A message that the end of a socket chunk cut short. */
  let partial: Buffer | null = null;
  let failed = false;

  const deliver = (payload: Uint8Array) => {
    if (failed) return;
    try {
      onData(payload);
    } catch (error) {
      // The rest of the COPY still has to be read off the socket; the query then fails.
      failed = true;
      onFailure(error);
    }
  };

  const detach = (rest: Buffer) => {
    stream.removeListener('data', listener);
    stream.on('data', pgListener);
    if (rest.length > 0) pgListener(rest);
  };

  /**
   * Handles the whole messages in b, moving CopyData payloads together over the message headers
   * (one copyWithin per row instead of one object) and handing them over at once; returns where
   * the first incomplete message starts, or -1 once pg has the socket back.
   */
  const readMessages = (b: Buffer): number => {
    let p = 0;
    let w = 0;
    /** Where pg takes the socket back, if it does in this chunk. */
    let handBack = -1;
    while (p + 5 <= b.length) {
      const code = b[p]!;
      const end = p + 1 + b.readUInt32BE(p + 1);
      if (code === ERROR_RESPONSE) {
        handBack = p;
        break;
      }
      if (end > b.length) break;
      if (code === COPY_DATA) {
        b.copyWithin(w, p + 5, end);
        w += end - p - 5;
      } else if (code === COPY_DONE) {
        handBack = end;
        break;
      } else if (code !== COPY_OUT_RESPONSE && !ASYNC_MESSAGES.has(code)) {
        handBack = p;
        break;
      }
      p = end;
    }
    if (w > 0) deliver(b.subarray(0, w));
    if (handBack < 0) return p;
    detach(b.subarray(handBack));
    return -1;
  };

  const listener: DataListener = (chunk) => {
    let b = chunk;
    if (partial !== null && partial.length >= 5 && partial[0] === COPY_DATA) {
      // Complete the cut row from the chunk's first bytes rather than copying the whole chunk.
      const missing = 1 + partial.readUInt32BE(1) - partial.length;
      if (missing > chunk.length) {
        partial = Buffer.concat([partial, chunk]);
        return;
      }
      deliver(Buffer.concat([partial.subarray(5), chunk.subarray(0, missing)]));
      partial = null;
      b = chunk.subarray(missing);
    } else if (partial !== null) {
      b = Buffer.concat([partial, chunk]);
      partial = null;
    }
    const p = readMessages(b);
    if (p >= 0 && p < b.length) partial = b.subarray(p);
  };
  stream.on('data', listener);
}
