import {
  MIN_GROUP_SIZE_FLOOR_KEY,
  minGroupSizeFloorOf,
  minGroupSizeOf,
  TEAM_SETTINGS,
} from '../../../contract/team-policy';
import { isoWeekStart } from '../../../contract/iso-week';
import type { IdentityChange } from '../db/installs-repository';
import type { SettingChange } from '../db/policy-repository';
import { effectiveMinGroupSize } from './suppression';

// Which minimum group size a week is reported under: the one in force when the week ended, from
// the team policy's audit. A supervisor who read a week under 5, raised the size to 6 and read it
// again would otherwise see one agent's week of exactly 5 interactions as the difference; a
// change now applies to the weeks that end after it, and every read of a week agrees. Adapter
// health, whose hours are shown while they fill, takes the size that stood when each hour began
// (`minGroupSizeInForce`, server/src/adapters/health.ts).
//
// A change of identity mode multiplies it. Each browser goes on under its new key (pseudonym,
// agent id or install) from the moment it learns the change, so every agent who works on both
// sides of it counts as two people: a supervisor who switched the mode mid-week made three agents
// a week of six, above 5, with its figures. A week in which the mode changed, and the week after
// (a browser closed over the change learns it when it next starts), needs k people for each key
// an agent may have had: k × (changes + 1).
//
// The team policy's audit sees only the supervisor's changes. An admin who sets (and locks) the
// mode in the browsers' managed policy (docs/admin.md) changes it in no audit, and three agents
// were six people in that week, shown under k = 5. Each browser enrols again under its new
// mode, keeping its install id, so the installs table has every change of mode a browser made
// (`listIdentityChanges`). The two count the same changes (a supervisor's change also makes
// each browser enrol again), so a week takes the larger count, not their sum: the audit's, or
// the most extra keys any one install had in those two weeks.
//
// An install's extra keys are the modes it enrolled under in the two weeks, less one: one key
// per mode (a pseudonymous browser keeps its pseudonym when it comes back to that mode, an
// identified one its agent id, an anonymous one its install), so switching back and forth adds
// nothing, and no install raises k more than threefold. The enrolment token sits in every
// managed browser's policy: when every re-enrolment counted (another agent id as well as another
// mode), anyone holding it blanked a team's week and the next with three enrolments of one
// install id (k = 15), any team under ~100 with twenty. Now an insider can at most triple k for
// two weeks by switching one install through the three modes, and an admin who revokes that
// install gets the weeks back (the repository leaves revoked installs out).

/** A change of `minGroupSize`, the admin's floor or `identityMode`, as the policy audit keeps it. */
export type GroupSizeChange = SettingChange;

/** The settings this module reads from the audit. */
export const GROUP_SIZE_SETTINGS = [
  'minGroupSize',
  MIN_GROUP_SIZE_FLOOR_KEY,
  'identityMode',
] as const;

const readSize = (value: unknown) => minGroupSizeOf({ minGroupSize: value });
const readFloor = (value: unknown) => minGroupSizeFloorOf({ [MIN_GROUP_SIZE_FLOOR_KEY]: value });

/** A setting's value at `at`: the last change before it, else what the first change replaced. */
function valueAt<T>(
  changes: readonly GroupSizeChange[],
  at: number,
  current: T,
  read: (value: unknown) => T,
): T {
  if (changes.length === 0) return current;
  let value = read(changes[0]!.oldValue);
  for (const change of changes) {
    if (change.at > at) break;
    value = read(change.newValue);
  }
  return value;
}

/**
 * The minimum group size in force at any moment (epoch ms): max(floor, team setting) as both
 * stood then; `current` is what the policy holds now. Identity mode changes are not read here.
 */
export function minGroupSizeInForce(
  current: { minGroupSize: number; floor: number },
  changes: readonly GroupSizeChange[],
): (at: number) => number {
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  const sizes = ordered.filter((change) => change.setting === 'minGroupSize');
  const floors = ordered.filter((change) => change.setting === MIN_GROUP_SIZE_FLOOR_KEY);
  return (at) =>
    effectiveMinGroupSize(
      valueAt(sizes, at, current.minGroupSize, readSize),
      valueAt(floors, at, current.floor, readFloor),
    );
}

/**
 * The minimum group size of each week (ISO week indexes), max(floor, team setting) as both stood
 * when the week ended, times the keys an agent may have had in it; `current` is what the policy
 * holds now, `identityChanges` the installs' enrolments under another identity mode.
 */
export function minGroupSizesOfWeeks(
  weeks: readonly number[],
  current: { minGroupSize: number; floor: number },
  changes: readonly GroupSizeChange[],
  identityChanges: readonly IdentityChange[] = [],
): number[] {
  const sizeAt = minGroupSizeInForce(current, changes);
  const modeChanges = [...changes]
    .sort((a, b) => a.at - b.at)
    .filter(
      (change) =>
        change.setting === 'identityMode' && modeOf(change.oldValue) !== modeOf(change.newValue),
    );
  return weeks.map((week) => {
    const end = isoWeekStart(week + 1) - 1;
    const k = sizeAt(end);
    const from = isoWeekStart(week - 1);
    const within = (change: { at: number }) => change.at >= from && change.at <= end;
    const audited = modeChanges.filter(within).length;
    const enrolled = mostExtraKeysOfOneInstall(identityChanges.filter(within));
    return k * (1 + Math.max(audited, enrolled));
  });
}

/** The most modes one install enrolled under in `changes` (before or after a change), less one. */
function mostExtraKeysOfOneInstall(changes: readonly IdentityChange[]): number {
  const modes = new Map<string, Set<string>>();
  let most = 0;
  for (const { installId, from, to } of changes) {
    if (from === to) continue;
    const seen = modes.get(installId) ?? new Set<string>();
    seen.add(from).add(to);
    modes.set(installId, seen);
    most = Math.max(most, seen.size - 1);
  }
  return most;
}

/** The mode a stored value sets: an unset or unreadable value is the default. */
const modeOf = (value: unknown) =>
  TEAM_SETTINGS.identityMode.schema.safeParse(value).data ?? TEAM_SETTINGS.identityMode.default;
