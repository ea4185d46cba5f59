import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

// The smallest load balancer that puts several collectors behind one address (issue #13, item 6):
// each request goes to the next collector in turn; a collector that cannot be reached, or that
// dies before it answers, gets the client a 502, as nginx or HAProxy would give without retries.
// Retrying is the sender's job (lib/sync/status-policy.ts), not the proxy's.

export type RoundRobinProxy = {
  url: string;
  /** Requests handed to each target, in the order of `targets`. */
  forwarded: number[];
  /** Requests answered 502 because their target failed. */
  badGateway: number;
  /** Requests each target holds now (sent on, not yet answered). */
  inFlight: number[];
  close(): Promise<void>;
};

/** Starts a proxy on a free loopback port in front of `targets` (base URLs such as http://127.0.0.1:5400). */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('a proxy needs at least one target');
  const upstreams = targets.map((target) => new URL(target));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const state = {
    next: 0,
    forwarded: targets.map(() => 0),
    inFlight: targets.map(() => 0),
    badGateway: 0,
  };

  const server = createServer((req, res) => {
    const at = state.next++ % upstreams.length;
    const target = upstreams[at]!;
    state.forwarded[at]!++;
    state.inFlight[at]!++;
    res.on('close', () => state.inFlight[at]!--);
    const badGateway = (error: Error) => {
      state.badGateway++;
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({ error: 'bad_gateway', message: `collector ${at + 1}: ${error.message}` }),
      );
    };
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', badGateway);
      },
    );
    upstream.on('error', badGateway);
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get forwarded() {
      return [...state.forwarded];
    },
    get inFlight() {
      return [...state.inFlight];
    },
    get badGateway() {
      return state.badGateway;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
