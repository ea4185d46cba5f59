import { formatDuration, t, uiLocale } from '../i18n';
import type { Settings } from './definitions';
import type { TeamSettingName } from '../../contract/team-policy';

export type TeamValues = Pick<Settings, TeamSettingName>;

/**
 * What a team policy does for agents, in plain sentences for the supervisor console (issue #6):
 * "Agents get at most 4 prompts a day and 2 an hour, never within 20 min of each other." Pure
 * apart from the UI language, which tests fix with `locale`.
 */
export function describeTeamPolicy(values: TeamValues, locale = uiLocale()): string[] {
  const duration = (ms: number) => formatDuration(ms, locale);
  const list = (items: string[]) =>
    new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  const sentences: string[] = [];

  if (!values.trackingEnabled) sentences.push(t('previewTrackingOff'));
  else {
    sentences.push(t('previewTracking', duration(values.idleThresholdSeconds * 1000)));
    if (values.countInAppTabSwitches) sentences.push(t('previewInAppTabs'));
    // An empty list (every entry refused, or set so) measures no app by name.
    if (values.trackedApps !== 'all')
      sentences.push(
        values.trackedApps.length === 0
          ? t('previewTrackedNoApps')
          : t('previewTrackedApps', list(values.trackedApps)),
      );
    sentences.push(t(values.allowPause ? 'previewPauseAllowed' : 'previewPauseNotAllowed'));
  }

  const prompts = values.prompts;
  if (!prompts.enabled) sentences.push(t('previewPromptsOff'));
  else {
    const one = new Intl.PluralRules(locale).select(prompts.maxPerDay) === 'one';
    sentences.push(
      t(
        one ? 'previewPromptCapsOne' : 'previewPromptCapsOther',
        prompts.maxPerDay,
        prompts.maxPerHour,
        duration(prompts.minGapMs),
      ),
    );
    const triggers = [
      prompts.triggers.closed && t('previewTriggerClosed'),
      prompts.triggers.movedOn && t('previewTriggerMovedOn'),
      prompts.triggers.adminTrigger && t('previewTriggerAdmin'),
    ].filter((text): text is string => Boolean(text));
    sentences.push(
      triggers.length === 0
        ? t('previewNoTriggers')
        : t(
            'previewSampling',
            Math.round(prompts.samplingRate * 100),
            duration(prompts.minHandleMs),
            new Intl.ListFormat(locale, { type: 'disjunction' }).format(triggers),
          ),
    );
    if (prompts.quietHours.length > 0)
      sentences.push(
        t(
          'previewQuietHours',
          list(prompts.quietHours.map((range) => `${range.start}–${range.end}`)),
        ),
      );
    sentences.push(
      t(
        prompts.scale === 'ces-7' ? 'previewScaleCes7' : 'previewScaleOneToFive',
        prompts.reasons.length,
      ),
    );
  }

  sentences.push(
    t(
      values.identityMode === 'identified'
        ? 'previewIdentified'
        : values.identityMode === 'anonymous'
          ? 'previewAnonymous'
          : 'previewPseudonymous',
    ),
  );
  sentences.push(t('previewMinGroupSize', values.minGroupSize));
  const days = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' });
  sentences.push(t('previewRetention', days.format(values.retentionDays)));
  return sentences;
}
