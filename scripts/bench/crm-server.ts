import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerCrm } from '../../tests/e2e/crm-pages';

/** A CRM origin served by a local HTTPS server, and the Chromium flags that reach it there. */
export type CrmServer = { chromiumArgs: string[]; close: () => Promise<void> };

/** A throwaway self-signed certificate for `host` (Chromium is told to accept it). */
function selfSignedCertificate(host: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1']
        .concat(['-keyout', key, '-out', cert, '-subj', `/CN=${host}`])
        .concat(['-addext', `subjectAltName=DNS:${host}`]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch (error) {
    throw new Error(`openssl could not make a certificate for the bench's CRM server: ${error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Serves fixture `pages` and `api` answers at `origin` (https) from a local server, as a CRM
 * serves them: no request of the page, its content script or the sidebar frame passes through
 * Playwright. Playwright's request interception (`routeCrm`) handles every request of the browser
 * once it is on, extension files included, through the bench's own process: about 100 ms per
 * request on this machine, which no agent's browser has.
 */
export async function serveCrm(
  origin: string,
  pages: Record<string, string>,
  api: Record<string, unknown>,
): Promise<CrmServer> {
  const { hostname } = new URL(origin);
  const server = createServer(selfSignedCertificate(hostname), (request, response) => {
    const answer = answerCrm(new URL(request.url ?? '/', origin), pages, api);
    response.writeHead(answer.status, { 'content-type': answer.contentType });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    chromiumArgs: [
      `--host-resolver-rules=MAP ${hostname} 127.0.0.1:${port}`,
      '--ignore-certificate-errors',
    ],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
