import { recordKeyOf, type RecordType } from '../../../contract/record-fields';
import { buildCustomerCard } from '../../context/build-card';
import type { CustomerCard } from '../../context/customer-card';
import type { RecordContext } from '../../context/record-context';
import type { BuilderDraft } from './draft-adapter';
import { suggestIdentity } from './draft-adapter';
import type {
  BuilderField,
  CandidateCheck,
  CandidateReading,
  SelectorExtractor,
  StabilityVerdict,
} from './field-pick';
import { judgeStability } from './field-pick';
import { proposeRecordPattern, type RecordUrlProposal } from './record-pattern';

// One admin's builder session in the side panel, as plain data: what was picked on which record,
// and what a second record said about it. The side panel's hook drives it; everything here is pure.

export type FieldState = {
  /** The record (by the session's pattern) the element was clicked on. */
  pickedOnRecord: string | null;
  candidates: CandidateReading[];
  /** Set once the field was checked on another record. */
  secondRecord: { recordId: string; verdicts: StabilityVerdict[] } | null;
};

export type BuilderSession = {
  address: string;
  proposal: RecordUrlProposal | null;
  id: string;
  name: string;
  recordType: RecordType;
  recordPattern: string;
  fields: Partial<Record<BuilderField, FieldState>>;
};

/** A new session on the page at `address`: identity and record pattern proposed from it. */
export function startSession(address: string): BuilderSession {
  const proposal = proposeRecordPattern(address);
  return {
    address,
    proposal,
    ...suggestIdentity(address),
    recordType: 'ticket',
    recordPattern: proposal?.pattern ?? '',
    fields: {},
  };
}

/** The record id the session's pattern reads from `url`, or null. */
export function recordIdAt(session: BuilderSession, url: string): string | null {
  try {
    return new RegExp(session.recordPattern).exec(url)?.[1] ?? null;
  } catch {
    return null;
  }
}

export function withPick(
  session: BuilderSession,
  field: BuilderField,
  url: string,
  candidates: CandidateReading[],
): BuilderSession {
  const state: FieldState = {
    pickedOnRecord: recordIdAt(session, url),
    candidates,
    secondRecord: null,
  };
  return { ...session, fields: { ...session.fields, [field]: state } };
}

/** Picked fields not yet checked on a record other than the one they were picked on. */
export function fieldsToCheckAt(session: BuilderSession, url: string): BuilderField[] {
  const recordId = recordIdAt(session, url);
  if (recordId === null) return [];
  return (Object.entries(session.fields) as [BuilderField, FieldState][])
    .filter(([, state]) => state.pickedOnRecord !== null && state.pickedOnRecord !== recordId)
    .filter(([, state]) => state.secondRecord === null)
    .map(([field]) => field);
}

export function withCheck(
  session: BuilderSession,
  field: BuilderField,
  recordId: string,
  checks: CandidateCheck[],
): BuilderSession {
  const state = session.fields[field];
  if (!state) return session;
  const verdicts = judgeStability(state.candidates, checks);
  return {
    ...session,
    fields: { ...session.fields, [field]: { ...state, secondRecord: { recordId, verdicts } } },
  };
}

/** How far a field's selectors are known to hold. */
export type FieldStability = 'unique' | 'stable' | 'unstable';

export function stabilityOf(state: FieldState): FieldStability {
  if (!state.secondRecord) return 'unique';
  return state.secondRecord.verdicts.some((verdict) => verdict.stable) ? 'stable' : 'unstable';
}

/** The selectors the adapter will use for a field, best first (stable ones once checked). */
export function chosenExtractors(state: FieldState): SelectorExtractor[] {
  if (!state.secondRecord) return state.candidates.map((candidate) => candidate.extractor);
  return state.secondRecord.verdicts
    .filter((verdict) => verdict.stable)
    .map((verdict) => verdict.extractor);
}

/** The session as a draft adapter: fields whose selectors failed a second record are left out. */
export function draftOf(session: BuilderSession): BuilderDraft {
  const fields: BuilderDraft['fields'] = {};
  for (const [field, state] of Object.entries(session.fields) as [BuilderField, FieldState][]) {
    const extractors = chosenExtractors(state);
    if (extractors.length > 0) fields[field] = extractors;
  }
  return {
    address: session.address,
    id: session.id,
    name: session.name,
    recordType: session.recordType,
    recordPattern: session.recordPattern,
    fields,
  };
}

/** The card the draft adapter would show for the record on the page. */
export function previewCard(
  context: RecordContext,
  now: number,
  defaultCallingCode: string,
): CustomerCard {
  return buildCustomerCard(
    { ...context, key: recordKeyOf(context), identityKeys: [], firstSeenAt: now, lastSeenAt: now },
    [],
    [],
    defaultCallingCode,
  );
}
