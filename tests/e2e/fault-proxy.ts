import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request to the collector:
 * - `pass`: forwards it and relays the answer;
 * - `server-error`: answers 503 without forwarding;
 * - `rate-limit`: answers 429 with `Retry-After: 1` without forwarding;
 * - `timeout`: never answers (the extension's request timeout must end it);
 * - `drop-after-commit`: forwards it, lets the collector commit and answer, then cuts the
 *   connection, so the extension never learns that its batch was stored;
 * - `hold`: forwards it only when `release()` is called (to stop the service worker mid-upload).
 */
export type Fault =
  'pass' | 'server-error' | 'rate-limit' | 'timeout' | 'drop-after-commit' | 'hold';

export type FaultProxy = {
  url: string;
  /** How many requests met each fault so far. */
  counts: Record<Fault, number>;
  /** Resolves when a `hold` request arrives; `release` then lets it through. */
  held: () => Promise<void>;
  release: () => void;
  close: () => Promise<void>;
};

/** A loopback proxy in front of the collector that injects `faultFor(n, …)` on its n-th request. */
export async function startFaultProxy(
  upstream: () => string,
  faultFor: (requestNumber: number, request: { method: string; path: string }) => Fault,
): Promise<FaultProxy> {
  const counts: Record<Fault, number> = {
    pass: 0,
    'server-error': 0,
    'rate-limit': 0,
    timeout: 0,
    'drop-after-commit': 0,
    hold: 0,
  };
  let requestNumber = 0;
  let onHeld: (() => void) | undefined;
  let heldArrived = new Promise<void>((resolve) => (onHeld = resolve));
  let releaseHeld: (() => void) | undefined;
  const open = new Set<Socket>();

  const server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    const fault = faultFor(requestNumber++, {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
    });
    counts[fault] += 1;
    if (fault === 'server-error')
      return answer(response, 503, { error: 'injected', message: 'injected 503' });
    if (fault === 'rate-limit') {
      response.setHeader('Retry-After', '1');
      return answer(response, 429, { error: 'injected', message: 'injected 429' });
    }
    if (fault === 'timeout') return; // the socket stays open until the client gives up
    if (fault === 'hold') {
      await new Promise<void>((resolve) => {
        releaseHeld = resolve;
        onHeld?.();
      });
      heldArrived = new Promise<void>((resolve) => (onHeld = resolve));
    }
    let relayed: { status: number; headers: Headers; text: string };
    try {
      relayed = await forward(upstream(), request, body);
    } catch {
      return answer(response, 502, { error: 'bad-gateway', message: 'collector unreachable' });
    }
    if (fault === 'drop-after-commit') {
      request.socket.destroy();
      return;
    }
    response.statusCode = relayed.status;
    relayed.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name))
        response.setHeader(name, value);
    });
    response.end(relayed.text);
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    held: () => heldArrived,
    release: () => releaseHeld?.(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function forward(base: string, request: http.IncomingMessage, body: Buffer) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
      headers.set(name, value);
  }
  const method = request.method ?? 'GET';
  const response = await fetch(new URL(request.url ?? '/', base), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function answer(response: http.ServerResponse, status: number, body: unknown) {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.end(JSON.stringify(body));
}
