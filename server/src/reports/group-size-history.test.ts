import { describe, expect, it } from 'vitest';
import type { IdentityMode } from '../../../contract/api';
import { isoWeekStart, parseIsoWeek } from '../../../contract/iso-week';
import type { IdentityChange } from '../db/installs-repository';
import {
  minGroupSizeInForce,
  minGroupSizesOfWeeks,
  type GroupSizeChange,
} from './group-size-history';

const W = (label: string) => parseIsoWeek(label);
/** A moment inside the week, `hours` after its Monday 00:00 UTC. */
const during = (label: string, hours = 50) => isoWeekStart(W(label)) + hours * 3_600_000;

describe('the minimum group size of each week', () => {
  const weeks = ['2026-W10', '2026-W11', '2026-W12', '2026-W13'].map(W);

  it('is today’s for every week while the audit has no change', () => {
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 7, floor: 5 }, [])).toEqual([7, 7, 7, 7]);
  });

  it('is what stood when each week ended: a change applies to the weeks that end after it', () => {
    const changes: GroupSizeChange[] = [
      { at: during('2026-W11'), setting: 'minGroupSize', oldValue: null, newValue: 8 },
      { at: during('2026-W13'), setting: 'minGroupSize', oldValue: 8, newValue: 6 },
    ];
    // W10 ended before any change (the default, 5); W11 and W12 ended under 8; W13 under 6.
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 6, floor: 5 }, changes)).toEqual([
      5, 8, 8, 6,
    ]);
  });

  it('takes the admin’s floor as it stood too, and never goes below it', () => {
    const changes: GroupSizeChange[] = [
      { at: during('2026-W11'), setting: 'minGroupSizeFloor', oldValue: null, newValue: 10 },
      { at: during('2026-W12'), setting: 'minGroupSize', oldValue: 6, newValue: 12 },
    ];
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 12, floor: 10 }, changes)).toEqual([
      6, 10, 12, 12,
    ]);
  });

  it('counts a change at the last millisecond of a week for that week, and ignores changes in any order', () => {
    const lastMoment = isoWeekStart(W('2026-W11') + 1) - 1;
    const changes: GroupSizeChange[] = [
      { at: lastMoment + 1, setting: 'minGroupSize', oldValue: 9, newValue: 11 },
      { at: lastMoment, setting: 'minGroupSize', oldValue: 7, newValue: 9 },
    ];
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 11, floor: 5 }, changes)).toEqual([
      7, 9, 11, 11,
    ]);
  });

  it('needs k people for each key an agent may have had in a week the identity mode changed, and the week after', () => {
    const changes: GroupSizeChange[] = [
      { at: during('2026-W11'), setting: 'identityMode', oldValue: null, newValue: 'identified' },
      // Set again to the mode it already had: no agent changes key.
      {
        at: during('2026-W13'),
        setting: 'identityMode',
        oldValue: 'identified',
        newValue: 'identified',
      },
    ];
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, changes)).toEqual([
      5, 10, 10, 5,
    ]);
    // Twice in one week: up to three keys an agent.
    const twice: GroupSizeChange[] = [
      {
        at: during('2026-W12', 10),
        setting: 'identityMode',
        oldValue: 'pseudonymous',
        newValue: 'anonymous',
      },
      {
        at: during('2026-W12', 60),
        setting: 'identityMode',
        oldValue: 'anonymous',
        newValue: 'pseudonymous',
      },
    ];
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 6, floor: 5 }, twice)).toEqual([
      6, 6, 18, 18,
    ]);
  });

  it('counts an install enrolled under another identity mode as a change of its week and the next, as the audit’s', () => {
    // The admin's managed policy switched three browsers' mode in W11: no audited change.
    const managed: IdentityChange[] = ['a', 'b', 'c'].map((installId, i) => ({
      at: during('2026-W11', 50 + i),
      installId,
      from: 'pseudonymous',
      to: 'identified',
    }));
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, [], managed)).toEqual([
      5, 10, 10, 5,
    ]);
    // A supervisor's change in W12 that each browser then enrolled under is one change, not two.
    const audited: GroupSizeChange[] = [
      {
        at: during('2026-W12', 9),
        setting: 'identityMode',
        oldValue: 'pseudonymous',
        newValue: 'anonymous',
      },
    ];
    const enrolled: IdentityChange[] = [
      { at: during('2026-W12', 10), installId: 'a', from: 'pseudonymous', to: 'anonymous' },
      { at: during('2026-W12', 12), installId: 'b', from: 'pseudonymous', to: 'anonymous' },
    ];
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, audited, enrolled)).toEqual([
      5, 5, 10, 10,
    ]);
    // Browser a, switched back, has its pseudonym again: two keys, not three.
    const backAndForth: IdentityChange[] = [
      ...enrolled,
      { at: during('2026-W12', 60), installId: 'a', from: 'anonymous', to: 'pseudonymous' },
    ];
    expect(
      minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, audited, backAndForth),
    ).toEqual([5, 5, 10, 10]);
  });

  it('gives one install at most one extra key per mode it enrolled under, however often it switched', () => {
    // Anyone with the enrolment token (every browser's managed policy) can enrol one install id
    // again and again: each re-enrolment used to raise k by one more k, for two weeks.
    const switches = (modes: readonly IdentityMode[], count: number): IdentityChange[] =>
      Array.from({ length: count }, (_, i) => ({
        at: during('2026-W11', 10 + i),
        installId: 'insider',
        from: modes[i % modes.length]!,
        to: modes[(i + 1) % modes.length]!,
      }));
    // Ten switches between two modes: two keys.
    const two = switches(['pseudonymous', 'anonymous'], 10);
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, [], two)).toEqual([
      5, 10, 10, 5,
    ]);
    // Ten switches through all three modes: three keys, the most any install can have.
    const three = switches(['pseudonymous', 'anonymous', 'identified'], 10);
    expect(minGroupSizesOfWeeks(weeks, { minGroupSize: 5, floor: 5 }, [], three)).toEqual([
      5, 15, 15, 5,
    ]);
  });
});

describe('the minimum group size in force at a moment', () => {
  it('is what stood then, up to and including a change at that moment, and never below the floor', () => {
    const at = during('2026-W11');
    const changes: GroupSizeChange[] = [
      { at, setting: 'minGroupSize', oldValue: 5, newValue: 6 },
      { at: at + 10, setting: 'minGroupSizeFloor', oldValue: 5, newValue: 8 },
    ];
    const sizeAt = minGroupSizeInForce({ minGroupSize: 6, floor: 8 }, changes);
    expect([sizeAt(at - 1), sizeAt(at), sizeAt(at + 9), sizeAt(at + 10)]).toEqual([5, 6, 6, 8]);
  });
});
