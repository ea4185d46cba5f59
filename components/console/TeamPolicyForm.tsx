import { Fragment, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { reasonLabel, t } from '@/lib/i18n';
import {
  EFFORT_REASON,
  promptSettingsSchema,
  type PromptSettings,
} from '@/contract/prompt-settings';
import { numberBoundsOf } from '@/lib/settings/number-input';
import { settingLabel } from '@/lib/settings/labels';
import type { TeamValues } from '@/lib/settings/preview';
import { TEAM_SETTINGS, type TeamSettingName } from '@/contract/team-policy';
import { APP_CATEGORIES } from '@/contract/ids';
import {
  BoolField,
  FieldGroup,
  NumberField,
  SelectField,
  TextField,
  type TextReading,
} from './fields';

type Props = {
  values: TeamValues;
  /** Settings the admin locked in this browser's policy: shown, never editable. */
  locked: ReadonlySet<string>;
  /** Settings the team policy sets (others show their default). */
  inPolicy: ReadonlySet<string>;
  onChange: <K extends TeamSettingName>(name: K, value: TeamValues[K]) => void;
  onReset: (name: TeamSettingName) => void;
  /** The admin's floor under the minimum group size (issue #14): shown locked, never undercut. */
  minGroupSizeFloor: number;
  /** A field's text became valid or invalid (a field is named by its test id). */
  onValidity: (field: string, valid: boolean) => void;
};

const GROUP_SIZE = numberBoundsOf(TEAM_SETTINGS.minGroupSize.schema);
const MINUTE = 60_000;
const SECOND = 1_000;

/** Every team-level setting as a control; locked ones disabled with a badge (issue #6). */
export function TeamPolicyForm({
  values,
  locked,
  inPolicy,
  onChange,
  onReset,
  onValidity,
  minGroupSizeFloor,
}: Props) {
  // Reset starts the setting's fields afresh, also when its value was already the default: text
  // that is no value yet goes with it, as its mark does (ConsoleApp's `reset`).
  const [resets, setResets] = useState<Partial<Record<TeamSettingName, number>>>({});
  const reset = (name: TeamSettingName) => {
    setResets((current) => ({ ...current, [name]: (current[name] ?? 0) + 1 }));
    onReset(name);
  };
  const row = (name: TeamSettingName, content: ReactNode) => (
    <fieldset key={name} data-testid={`console-setting-${name}`} disabled={locked.has(name)}>
      <legend>
        {settingLabel(name)}{' '}
        {locked.has(name) ? (
          <span className="lock-badge" data-testid={`console-locked-${name}`}>
            {t('lockedByAdmin')}
          </span>
        ) : (
          <span className="source-badge">
            {inPolicy.has(name) ? t('sourceTeam') : t('sourceDefault')}
          </span>
        )}
        {!locked.has(name) && inPolicy.has(name) && (
          <button type="button" className="link" onClick={() => reset(name)}>
            {t('resetToDefault')}
          </button>
        )}
      </legend>
      <Fragment key={resets[name] ?? 0}>{content}</Fragment>
    </fieldset>
  );
  const dis = (name: TeamSettingName) => locked.has(name);
  const prompts = values.prompts;
  const setPrompts = (change: Partial<PromptSettings>) =>
    onChange('prompts', { ...prompts, ...change });

  return (
    <div className="team-policy-form">
      {row(
        'trackingEnabled',
        <BoolField
          label={t('consoleTrackingOn')}
          testId="field-trackingEnabled"
          disabled={dis('trackingEnabled')}
          checked={values.trackingEnabled}
          onChange={(value) => onChange('trackingEnabled', value)}
        />,
      )}
      {row(
        'countInAppTabSwitches',
        <BoolField
          label={settingLabel('countInAppTabSwitches')}
          testId="field-countInAppTabSwitches"
          disabled={dis('countInAppTabSwitches')}
          checked={values.countInAppTabSwitches}
          onChange={(value) => onChange('countInAppTabSwitches', value)}
        />,
      )}
      {row(
        'allowPause',
        <BoolField
          label={settingLabel('allowPause')}
          testId="field-allowPause"
          disabled={dis('allowPause')}
          checked={values.allowPause}
          onChange={(value) => onChange('allowPause', value)}
        />,
      )}
      {row(
        'idleThresholdSeconds',
        <NumberField
          label={t('consoleSeconds')}
          testId="field-idleThresholdSeconds"
          bounds={numberBoundsOf(TEAM_SETTINGS.idleThresholdSeconds.schema)}
          onValidity={(valid) => onValidity('field-idleThresholdSeconds', valid)}
          disabled={dis('idleThresholdSeconds')}
          value={values.idleThresholdSeconds}
          onChange={(value) => onChange('idleThresholdSeconds', value)}
        />,
      )}
      {row(
        'trackedApps',
        <TextField
          label={t('consoleTrackedAppsHint')}
          testId="field-trackedApps"
          disabled={dis('trackedApps')}
          value={values.trackedApps}
          format={(apps) => (apps === 'all' ? 'all' : apps.join(', '))}
          read={readTrackedApps}
          onValidity={(valid) => onValidity('field-trackedApps', valid)}
          onChange={(value) => onChange('trackedApps', value)}
        />,
      )}
      {row(
        'catalogueAdditions',
        <TextField
          label={t('consoleJsonHint')}
          testId="field-catalogueAdditions"
          disabled={dis('catalogueAdditions')}
          multiline
          value={values.catalogueAdditions}
          format={(additions) => JSON.stringify(additions, null, 2)}
          read={readCatalogueAdditions}
          onValidity={(valid) => onValidity('field-catalogueAdditions', valid)}
          onChange={(value) => onChange('catalogueAdditions', value)}
        />,
      )}
      {row(
        'prompts',
        <FieldGroup>
          <BoolField
            label={t('consolePromptsOn')}
            testId="field-prompts-enabled"
            disabled={dis('prompts')}
            checked={prompts.enabled}
            onChange={(enabled) => setPrompts({ enabled })}
          />
          <BoolField
            label={t('consoleTriggerClosed')}
            testId="field-prompts-closed"
            disabled={dis('prompts')}
            checked={prompts.triggers.closed}
            onChange={(closed) => setPrompts({ triggers: { ...prompts.triggers, closed } })}
          />
          <BoolField
            label={t('consoleTriggerMovedOn')}
            testId="field-prompts-movedOn"
            disabled={dis('prompts')}
            checked={prompts.triggers.movedOn}
            onChange={(movedOn) => setPrompts({ triggers: { ...prompts.triggers, movedOn } })}
          />
          <BoolField
            label={t('consoleTriggerAdmin')}
            testId="field-prompts-adminTrigger"
            disabled={dis('prompts')}
            checked={prompts.triggers.adminTrigger}
            onChange={(adminTrigger) =>
              setPrompts({ triggers: { ...prompts.triggers, adminTrigger } })
            }
          />
          <NumberField
            label={t('consoleSamplingPercent')}
            testId="field-prompts-samplingRate"
            bounds={numberBoundsOf(promptSettingsSchema.shape.samplingRate)}
            onValidity={(valid) => onValidity('field-prompts-samplingRate', valid)}
            disabled={dis('prompts')}
            value={prompts.samplingRate}
            scale={0.01}
            onChange={(samplingRate) => setPrompts({ samplingRate })}
          />
          <NumberField
            label={t('consoleMinHandleSeconds')}
            testId="field-prompts-minHandleMs"
            bounds={numberBoundsOf(promptSettingsSchema.shape.minHandleMs)}
            onValidity={(valid) => onValidity('field-prompts-minHandleMs', valid)}
            disabled={dis('prompts')}
            value={prompts.minHandleMs}
            scale={SECOND}
            onChange={(minHandleMs) => setPrompts({ minHandleMs })}
          />
          <NumberField
            label={t('consoleMinGapMinutes')}
            testId="field-prompts-minGapMs"
            bounds={numberBoundsOf(promptSettingsSchema.shape.minGapMs)}
            onValidity={(valid) => onValidity('field-prompts-minGapMs', valid)}
            disabled={dis('prompts')}
            value={prompts.minGapMs}
            scale={MINUTE}
            onChange={(minGapMs) => setPrompts({ minGapMs })}
          />
          <NumberField
            label={t('consoleMaxPerHour')}
            testId="field-prompts-maxPerHour"
            bounds={numberBoundsOf(promptSettingsSchema.shape.maxPerHour)}
            onValidity={(valid) => onValidity('field-prompts-maxPerHour', valid)}
            disabled={dis('prompts')}
            value={prompts.maxPerHour}
            onChange={(maxPerHour) => setPrompts({ maxPerHour })}
          />
          <NumberField
            label={t('consoleMaxPerDay')}
            testId="field-prompts-maxPerDay"
            bounds={numberBoundsOf(promptSettingsSchema.shape.maxPerDay)}
            onValidity={(valid) => onValidity('field-prompts-maxPerDay', valid)}
            disabled={dis('prompts')}
            value={prompts.maxPerDay}
            onChange={(maxPerDay) => setPrompts({ maxPerDay })}
          />
          <TextField
            label={t('consoleQuietHoursHint')}
            testId="field-prompts-quietHours"
            disabled={dis('prompts')}
            value={prompts.quietHours}
            format={(ranges) => ranges.map((range) => `${range.start}-${range.end}`).join(', ')}
            read={readQuietHours}
            onValidity={(valid) => onValidity('field-prompts-quietHours', valid)}
            onChange={(quietHours) => setPrompts({ quietHours })}
          />
          <SelectField
            label={t('consoleScale')}
            testId="field-prompts-scale"
            disabled={dis('prompts')}
            value={prompts.scale}
            options={[
              { value: '1-5', label: t('consoleScaleOneToFive') },
              { value: 'ces-7', label: t('consoleScaleCes7') },
            ]}
            onChange={(scale) => setPrompts({ scale })}
          />
          <TextField
            label={t('consoleReasonsHint')}
            testId="field-prompts-reasons"
            disabled={dis('prompts')}
            value={prompts.reasons}
            format={(reasons) => reasons.join(', ')}
            read={(text) =>
              readAs(promptSettingsSchema.shape.reasons, splitList(text), 'consoleReasonsInvalid')
            }
            onValidity={(valid) => onValidity('field-prompts-reasons', valid)}
            onChange={(reasons) => setPrompts({ reasons })}
          />
          {/* Ids are what the field takes; agents read the words (issue #17). */}
          <ul className="muted reason-ids" data-testid="reason-ids">
            {Object.values(EFFORT_REASON).map((reason) => (
              <li key={reason}>
                <code>{reason}</code> {reasonLabel(reason)}
              </li>
            ))}
          </ul>
        </FieldGroup>,
      )}
      {row(
        'identityMode',
        <SelectField
          label={settingLabel('identityMode')}
          testId="field-identityMode"
          disabled={dis('identityMode')}
          value={values.identityMode}
          options={[
            { value: 'pseudonymous', label: t('consoleIdentityPseudonymous') },
            { value: 'identified', label: t('consoleIdentityIdentified') },
            { value: 'anonymous', label: t('consoleIdentityAnonymous') },
          ]}
          onChange={(value) => onChange('identityMode', value)}
        />,
      )}
      {row(
        'minGroupSize',
        <>
          <NumberField
            label={settingLabel('minGroupSize')}
            testId="field-minGroupSize"
            bounds={{ ...GROUP_SIZE, min: Math.max(GROUP_SIZE.min, minGroupSizeFloor) }}
            onValidity={(valid) => onValidity('field-minGroupSize', valid)}
            disabled={dis('minGroupSize')}
            value={values.minGroupSize}
            onChange={(value) => onChange('minGroupSize', value)}
          />
          <p className="floor-note" data-testid="console-floor-minGroupSize">
            <span className="lock-badge">{t('lockedByAdmin')}</span>{' '}
            {t('consoleMinGroupSizeFloor', minGroupSizeFloor)}
          </p>
          <p className="floor-note" data-testid="console-note-minGroupSize">
            {t('consoleMinGroupSizeFromNextWeek')}
          </p>
        </>,
      )}
      {row(
        'retentionDays',
        <NumberField
          label={t('consoleDays')}
          testId="field-retentionDays"
          bounds={numberBoundsOf(TEAM_SETTINGS.retentionDays.schema)}
          onValidity={(valid) => onValidity('field-retentionDays', valid)}
          disabled={dis('retentionDays')}
          value={values.retentionDays}
          onChange={(value) => onChange('retentionDays', value)}
        />,
      )}
    </div>
  );
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The text as a value of the setting's own schema, or the field's problem. A value goes up only
 * when valid, so the draft holds what the field shows and the field can tell its own value coming
 * back from one set from outside (lenient parsing would drop an invalid entry unseen).
 */
function readAs<S extends z.ZodType>(
  schema: S,
  value: unknown,
  problem: 'consoleTrackedAppsInvalid' | 'consoleQuietHoursInvalid' | 'consoleReasonsInvalid',
): TextReading<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: t(problem) };
}

/**
 * App ids, or "all" alone. An empty field is no value: it used to mean every app, so emptying the
 * field to retype it widened measurement unseen; every app is now only ever asked for by name.
 */
function readTrackedApps(text: string): TextReading<TeamValues['trackedApps']> {
  const ids = splitList(text);
  if (ids.length === 1 && ids[0] === 'all') return { ok: true, value: 'all' };
  if (ids.length === 0 || ids.includes('all'))
    return { ok: false, problem: t('consoleTrackedAppsInvalid') };
  return readAs(TEAM_SETTINGS.trackedApps.schema, ids, 'consoleTrackedAppsInvalid');
}

/**
 * `12:00-13:00, 22:00-06:00`: each range two local times joined by one dash. A hyphen, or the en
 * or em dash that word processors and macOS put in its place when the range is pasted or typed.
 */
function readQuietHours(text: string): TextReading<PromptSettings['quietHours']> {
  const ranges = splitList(text).map((range) => range.split(/[-–—]/).map((part) => part.trim()));
  if (ranges.some((parts) => parts.length !== 2))
    return { ok: false, problem: t('consoleQuietHoursInvalid') };
  const value = ranges.map(([start, end]) => ({ start, end }));
  return readAs(promptSettingsSchema.shape.quietHours, value, 'consoleQuietHoursInvalid');
}

function readCatalogueAdditions(text: string): TextReading<TeamValues['catalogueAdditions']> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: t('consoleInvalidJson') };
  }
  const parsed = TEAM_SETTINGS.catalogueAdditions.schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: t('consoleCatalogueInvalid', APP_CATEGORIES.join(', ')) };
}
