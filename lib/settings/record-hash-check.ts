import { recordHashCheckOf } from '../../contract/record-hash';

/**
 * Whether the record-hash secret in force is the collector team's (issue #15, an admin's typo):
 * `differs`, every interaction's record hash is one the collector cannot join with its CSAT;
 * `notSet`, interactions carry no record hash at all; `unchecked`, the collector said nothing
 * (an older collector, or no team policy read yet).
 */
export type RecordHashSecretState = 'matches' | 'differs' | 'notSet' | 'unchecked';

export async function recordHashSecretState(
  secret: string | undefined,
  collectorCheck: string | null | undefined,
): Promise<RecordHashSecretState> {
  if (!secret) return 'notSet';
  if (!collectorCheck) return 'unchecked';
  return (await recordHashCheckOf(secret)) === collectorCheck ? 'matches' : 'differs';
}
