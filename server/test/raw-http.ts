import { connect } from 'node:net';

export type RawAnswer = { status: number; json: unknown; ms: number };

/**
 * Writes `bytes` on a fresh connection and reads until the collector closes it or has sent one
 * whole answer: what a client that speaks broken HTTP gets back.
 */
export function rawRequest(
  url: string,
  bytes: string | Buffer,
  timeoutMs = 12_000,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const head = text.slice(0, split);
      const length = /^content-length:\s*(\d+)$/im.exec(head);
      const body = text.slice(split + 4);
      if (length && Buffer.byteLength(body) < Number(length[1])) return;
      settled = true;
      socket.destroy();
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        json,
        ms: performance.now() - started,
      });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('close', () => {
      finish();
      if (!settled) reject(new Error(`closed without an answer: ${Buffer.concat(chunks)}`));
    });
    socket.on('error', () => {});
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    });
    socket.write(bytes);
  });
}
