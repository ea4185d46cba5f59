import {
  MIN_GROUP_SIZE_FLOOR_KEY,
  minGroupSizeFloorOf,
  minGroupSizeOf,
} from '../../../contract/team-policy';
import { isoWeekStart } from '../../../contract/iso-week';
import type { SettingChange } from '../db/policy-repository';
import { effectiveMinGroupSize } from './suppression';

// Which minimum group size a week is reported under: the one in force when the week ended, from
// the team policy's audit. A supervisor who read a week under 5, raised the size to 6 and read it
// again would otherwise see one agent's week of exactly 5 interactions as the difference; a
// change now applies to the weeks that end after it, and every read of a week agrees.

/** A change of `minGroupSize` or of the admin's floor, as the policy audit keeps it. */
export type GroupSizeChange = SettingChange;

/** The settings this module reads from the audit. */
export const GROUP_SIZE_SETTINGS = ['minGroupSize', MIN_GROUP_SIZE_FLOOR_KEY] as const;

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
 * The minimum group size of each week (ISO week indexes), max(floor, team setting) as both stood
 * when the week ended; `current` is what the policy holds now.
 */
export function minGroupSizesOfWeeks(
  weeks: readonly number[],
  current: { minGroupSize: number; floor: number },
  changes: readonly GroupSizeChange[],
): number[] {
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  const sizes = ordered.filter((change) => change.setting === 'minGroupSize');
  const floors = ordered.filter((change) => change.setting === MIN_GROUP_SIZE_FLOOR_KEY);
  return weeks.map((week) => {
    const end = isoWeekStart(week + 1) - 1;
    return effectiveMinGroupSize(
      valueAt(sizes, end, current.minGroupSize, readSize),
      valueAt(floors, end, current.floor, readFloor),
    );
  });
}
