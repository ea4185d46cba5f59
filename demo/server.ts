import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEMO_ORIGINS } from './policy';
import { handleCrm } from './crm';
import { createDesk } from './desk';
import type { DemoRequest, DemoResponse } from './respond';

type Handler = (request: DemoRequest) => DemoResponse;

/** Form posts are a few bytes (a ticket's new status); anything larger is refused. */
const MAX_FORM_BYTES = 4096;

/** The urlencoded form of a POST, or undefined for other methods; rejects oversized bodies. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (request.method !== 'POST') return undefined;
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new RangeError('form too large');
  }
  return new URLSearchParams(body);
}

/** The CRM only shows pages. */
const getOnly =
  (handle: (url: URL) => DemoResponse): Handler =>
  ({ method, url }) =>
    method === 'GET' || method === 'HEAD'
      ? handle(url)
      : {
          status: 405,
          contentType: 'text/plain; charset=utf-8',
          body: 'GET only\n',
          headers: { Allow: 'GET, HEAD' },
        };

export type DemoApps = {
  desk: string;
  crm: string;
  /** Stops both servers, dropping open keep-alive connections. */
  close(): Promise<void>;
};

function serve(handler: Handler, origin: string) {
  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    let result: DemoResponse;
    try {
      const form = await readForm(request);
      result = handler({
        method,
        url: new URL(request.url ?? '/', origin),
        accept: request.headers.accept,
        form,
      });
    } catch (error) {
      if (error instanceof RangeError) {
        result = { status: 413, contentType: 'text/plain; charset=utf-8', body: 'Too large\n' };
      } else {
        console.error(`${origin}${request.url ?? ''}:`, error);
        result = { status: 500, contentType: 'text/plain; charset=utf-8', body: 'Server error\n' };
      }
    }
    response.writeHead(result.status, {
      'Content-Type': result.contentType,
      'Content-Length': Buffer.byteLength(result.body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...result.headers,
    });
    response.end(method === 'HEAD' ? undefined : result.body);
  };
  return (request: IncomingMessage, response: ServerResponse) => void respond(request, response);
}

function listen(server: Server, origin: string) {
  const { hostname, port } = new URL(origin);
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${origin} is already in use (is another \`npm start\` running?)`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(Number(port), hostname, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server) {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts "Demo Desk" and "Demo CRM" on loopback, at the origins the demo build's adapters know
 * (demo/policy.ts). Resolves once both listen; rejects (with nothing left open) if
 * either cannot.
 */
export async function startDemoApps(): Promise<DemoApps> {
  const desk = createServer(serve(createDesk(), DEMO_ORIGINS.desk));
  const crm = createServer(serve(getOnly(handleCrm), DEMO_ORIGINS.crm));
  const close = async () => {
    await Promise.all([closeServer(desk), closeServer(crm)]);
  };
  const started = await Promise.allSettled([
    listen(desk, DEMO_ORIGINS.desk),
    listen(crm, DEMO_ORIGINS.crm),
  ]);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await close();
    throw failure.reason;
  }
  return { desk: DEMO_ORIGINS.desk, crm: DEMO_ORIGINS.crm, close };
}
