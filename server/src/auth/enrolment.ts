import { randomUUID } from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../../../contract/api';
import type { InstallsRepository } from '../db/installs-repository';
import { HttpError } from '../http/http-error';
import { generateToken, hashToken } from './tokens';

export type Enrolling = {
  team: string;
  /** The name of the enrolment token presented, kept with the install for the audit. */
  enrolmentTokenName: string;
  request: EnrolRequest;
  at: Date;
};

/**
 * Gives an install its own credential, bound to the agent it may send events for (issue #13).
 * A pseudonym is made here, not by the install, and kept when the same install enrols again, so
 * nobody can enrol as another agent's pseudonym and an agent's history stays one.
 */
export async function enrolInstall(
  installs: Pick<InstallsRepository, 'enrolInstall' | 'findPseudonym' | 'isPseudonym'>,
  { team, enrolmentTokenName, request, at }: Enrolling,
): Promise<EnrolResponse> {
  const agentId = await boundAgentId(installs, team, request);
  const credential = generateToken();
  await installs.enrolInstall({
    team,
    installId: request.installId,
    identityMode: request.identityMode,
    agentId,
    credentialHash: hashToken(credential),
    enrolledWith: enrolmentTokenName,
    at,
  });
  return { installId: request.installId, identityMode: request.identityMode, agentId, credential };
}

async function boundAgentId(
  installs: Pick<InstallsRepository, 'findPseudonym' | 'isPseudonym'>,
  team: string,
  request: EnrolRequest,
): Promise<string | null> {
  switch (request.identityMode) {
    case 'identified':
      // Else anyone with the enrolment token could send events as a pseudonymous colleague and
      // pad their small week until it is reported, then subtract their own part.
      if (await installs.isPseudonym(team, request.agentId)) {
        throw new HttpError(
          409,
          'conflict',
          'agentId: this is the pseudonym of another install of the team; an identified install enrols with its own agent id',
        );
      }
      return request.agentId;
    case 'pseudonymous':
      return (await installs.findPseudonym(team, request.installId)) ?? randomUUID();
    case 'anonymous':
      return null;
  }
}
