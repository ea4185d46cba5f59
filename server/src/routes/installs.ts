import { z } from 'zod';
import {
  API_PATHS,
  enrolRequestSchema,
  enrolResponseSchema,
  installListSchema,
  installSchema,
  type Install,
} from '../../../contract/api';
import { storableText } from '../../../contract/text';
import { enrolInstall } from '../auth/enrolment';
import type { InstallRecord, InstallsRepository } from '../db/installs-repository';
import { principalOf, type Guard } from '../http/access';
import { checkBodyHeaders, JSON_BODY } from '../http/body-parsers';
import { HttpError } from '../http/http-error';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

export type InstallRouteDeps = { guard: Guard; installs: InstallsRepository; now: () => number };

const toWire = (install: InstallRecord): Install => ({
  id: install.id,
  installId: install.installId,
  identityMode: install.identityMode,
  agentId: install.agentId,
  enrolledWith: install.enrolledWith,
  enrolledAt: install.enrolledAt.toISOString(),
  revokedAt: install.revokedAt?.toISOString() ?? null,
  revokedBy: install.revokedBy,
});

/** Enrolment of browser installs and, for admins, their list and revocation (issue #13). */
export function registerInstallRoutes(app: CollectorApp, deps: InstallRouteDeps): void {
  /** `POST /v1/enrol`: the team's enrolment token (an agent token) buys one install credential. */
  app.route({
    method: 'POST',
    url: API_PATHS.enrol,
    schema: {
      summary: 'Enrol a browser install: its own credential, bound to one agent',
      body: enrolRequestSchema,
      response: { 201: enrolResponseSchema, ...errorResponses(...GUARDED, ...WITH_BODY, 409) },
    },
    onRequest: deps.guard({ roles: ['agent'], action: 'enrol an install' }),
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request, reply) {
      const principal = principalOf(request);
      if (principal.install) {
        throw new HttpError(
          403,
          'forbidden',
          "an install credential may not enrol installs; use the team's enrolment token",
        );
      }
      const enrolled = await enrolInstall(deps.installs, {
        team: principal.team,
        enrolmentTokenName: principal.tokenName,
        request: request.body,
        at: new Date(deps.now()),
      });
      request.logFields.identityMode = enrolled.identityMode;
      return reply.code(201).send(enrolled);
    },
  });

  app.route({
    method: 'GET',
    url: API_PATHS.installs,
    schema: {
      summary: "The team's enrolled installs, revoked ones included, oldest first",
      response: { 200: installListSchema, ...errorResponses(...GUARDED) },
    },
    onRequest: deps.guard({ roles: ['admin'], action: 'list installs' }),
    async handler(request) {
      const installs = await deps.installs.listInstalls(principalOf(request).team);
      return { installs: installs.map(toWire) };
    },
  });

  app.route({
    method: 'POST',
    url: API_PATHS.installRevoke,
    schema: {
      summary: "Revoke one install's credential; the install must enrol again to send events",
      // storableText: an id with a NUL reached the query, and PostgreSQL's refusal was a 500.
      params: z.strictObject({ id: storableText(100).min(1) }),
      response: { 200: installSchema, ...errorResponses(...GUARDED, 404) },
    },
    onRequest: deps.guard({ roles: ['admin'], action: 'revoke installs' }),
    async handler(request) {
      const principal = principalOf(request);
      const revoked = await deps.installs.revokeInstall(
        principal.team,
        request.params.id,
        principal.tokenName,
        new Date(deps.now()),
      );
      if (!revoked) {
        throw new HttpError(
          404,
          'not_found',
          `no active install ${request.params.id} in this team`,
        );
      }
      return toWire(revoked);
    },
  });
}
