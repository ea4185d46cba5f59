import { API_PATHS, type Whoami } from '../../../contract/api';
import { HttpError } from '../http/http-error';
import { buildOpenApiDocument } from '../openapi';
import { ANY_ROLE, type AuthedRoute, type PublicRoute } from './route';

/** `GET /v1/health`: no token; 503 when the database does not answer. */
export const healthRoute: PublicRoute = {
  method: 'GET',
  path: API_PATHS.health,
  access: 'public',
  async handle({ deps }) {
    try {
      await deps.db.ping();
    } catch {
      throw new HttpError(503, 'unavailable', 'database unreachable');
    }
    return { status: 200, body: { status: 'ok', database: deps.db.engine } };
  },
};

let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

/** `GET /v1/openapi.json`: no token. */
export const openApiRoute: PublicRoute = {
  method: 'GET',
  path: API_PATHS.openapi,
  access: 'public',
  async handle() {
    openApiDocument ??= buildOpenApiDocument();
    return { status: 200, body: openApiDocument };
  },
};

/** `GET /v1/whoami`: any valid token. */
export const whoamiRoute: AuthedRoute = {
  method: 'GET',
  path: API_PATHS.whoami,
  access: ANY_ROLE,
  action: 'ask who it is',
  async handle({ principal }) {
    const body: Whoami = {
      team: principal.team,
      role: principal.role,
      tokenName: principal.tokenName,
    };
    return { status: 200, body };
  },
};
