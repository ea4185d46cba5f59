import type { StoredInteraction, StoredPrompt, StoredSpan, StoredSwitch } from '@/lib/storage/db';
import type { OutboxEvent } from '@/contract/events';
import { parseRecordKey } from '@/contract/record-fields';
import type { SkipReason } from '@/lib/feedback/prompt-policy';
import type { TrackingStatus } from '@/lib/platform/pages/use-today-records';
import {
  formatDuration,
  formatTime,
  reasonLabel,
  recordShortTitle,
  recordTitle,
  recordTypeLabel,
  t,
  tPlural,
  type MessageKey,
} from '@/lib/i18n';

/** What the page showed of a record: the number agents know it by and its subject. */
export type RecordLabels = Readonly<
  Record<string, { recordNumber?: string | undefined; subject?: string | undefined }>
>;

type Props = {
  records?: {
    spans: StoredSpan[];
    switches: StoredSwitch[];
    interactions: StoredInteraction[];
    prompts: StoredPrompt[];
    /** By record key; a record the browser no longer keeps is named by its id. */
    labels?: RecordLabels;
  };
  /**
   * Today's outbox events about the agent that the lists above do not show: the customer ratings
   * seen (`cx.observed`), the adapters' hourly counts (`adapter.health`) and drop reports. Other
   * types are left out here (summaries, hourly totals and prompt outcomes are listed above).
   */
  sentToday?: readonly OutboxEvent[];
  status?: TrackingStatus;
  onSetPaused: (paused: boolean) => void;
  /** The app's name as the agent knows it, from its id (issue #17). */
  appName: (id: string) => string;
};

type GapKind = Extract<StoredSpan, { type: 'gap' }>['kind'];

const GAP_KEYS = {
  idle: 'gapIdle',
  locked: 'gapLocked',
  outside: 'gapOutside',
  paused: 'gapPaused',
  'own-page': 'gapOwnPage',
} as const satisfies Record<GapKind, MessageKey>;

/** A record as agents name it (issue #15): "ServiceNow INC0010042 · VPN drops every hour". */
type NameRecord = (recordKey: string) => string;

function recordNamer(appName: (id: string) => string, labels: RecordLabels = {}) {
  const parts = (recordKey: string) => {
    const { app, recordType, recordId } = parseRecordKey(recordKey);
    const label = Object.hasOwn(labels, recordKey) ? labels[recordKey] : undefined;
    return { appName: appName(app), recordType, recordId, ...label };
  };
  return {
    full: (recordKey: string) => recordTitle(parts(recordKey)),
    short: (recordKey: string) => recordShortTitle(parts(recordKey)),
  };
}

function describeSpan(span: StoredSpan, appName: (id: string) => string, shortName: NameRecord) {
  if (span.type === 'gap') return t(GAP_KEYS[span.kind]);
  const record = span.recordKey ? ` (${shortName(span.recordKey)})` : '';
  return `${appName(span.app)}${span.domain ? ` ${span.domain}` : ''}${record}`;
}

function describeInteraction(interaction: StoredInteraction, name: NameRecord) {
  return t(
    'interactionEntry',
    name(interaction.recordKey),
    formatDuration(interaction.handleMs),
    tPlural('switches', interaction.switchCount),
    formatDuration(interaction.awayMs),
  );
}

/** "What Touchpoint records": everything measured about the agent today, in plain language. */
export function WhatTouchpointRecords({
  records,
  sentToday = [],
  status,
  onSetPaused,
  appName,
}: Props) {
  const name = recordNamer(appName, records?.labels);
  const alsoSent = sentToday.flatMap((event) => {
    const text = describeSentEvent(event, appName);
    return text === null ? [] : [{ id: event.id, text }];
  });
  return (
    <section aria-labelledby="what-recorded">
      <h2 id="what-recorded">{t('whatTouchpointRecords')}</h2>
      {status && !status.enabled && <p>{t('measurementOffByOrganisation')}</p>}
      {status?.enabled && status.allowPause && (
        <button type="button" onClick={() => onSetPaused(!status.paused)}>
          {status.paused ? t('resumeRecording') : t('pauseRecording')}
        </button>
      )}
      {status?.paused && <p role="status">{t('recordingPaused')}</p>}
      <p className="muted">{t('whatIsSent')}</p>
      <h3>{t('todayInOrder')}</h3>
      {!records || records.spans.length === 0 ? (
        <p>{t('nothingRecordedToday')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {records.spans.map((span) => (
            <li key={span.id}>
              {formatTime(span.start)}–{formatTime(span.end)} ·{' '}
              {describeSpan(span, appName, name.short)} · {formatDuration(span.end - span.start)}
            </li>
          ))}
        </ol>
      )}
      <h3>
        {t('switchesToday', records?.switches.filter((s) => s.type === 'switch').length ?? 0)}
      </h3>
      <ul data-testid="switches">
        {records?.switches.map((entry) =>
          entry.type === 'switch' ? (
            <li key={entry.id}>
              {formatTime(entry.at)} · {appName(entry.from)} → {appName(entry.to)}
            </li>
          ) : (
            <li key={entry.id}>
              {formatTime(entry.at)} · {t('anotherAppTab', appName(entry.app))}
            </li>
          ),
        )}
      </ul>
      <h3>{t('recordsHandledToday', records?.interactions.length ?? 0)}</h3>
      <ul data-testid="interactions">
        {records?.interactions.map((interaction) => (
          <li key={interaction.id}>
            {describeInteraction(interaction, name.full)}
            {interaction.lookups?.map((lookup) => (
              <span key={lookup.app}>
                {' '}
                · {t('lookedUpIn', appName(lookup.app), formatDuration(lookup.ms))}
              </span>
            ))}
          </li>
        ))}
      </ul>
      <h3>{t('yourAnswersToday')}</h3>
      <ul data-testid="answers">
        {records?.prompts
          .filter((prompt) => prompt.state !== 'pending')
          .map((prompt) => (
            <li key={prompt.id}>{describePrompt(prompt, name.full)}</li>
          ))}
      </ul>
      {alsoSent.length > 0 && (
        <>
          <h3>{t('sentAlsoToday')}</h3>
          <ul data-testid="sent-also">
            {alsoSent.map((entry) => (
              <li key={entry.id}>{entry.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const OUTCOME_KEYS = {
  shown: 'outcomeShown',
  answered: 'outcomeAnswered',
  dismissed: 'outcomeDismissed',
  snoozed: 'outcomeSnoozed',
  'timed-out': 'outcomeTimedOut',
  skipped: 'outcomeSkipped',
} as const satisfies Record<Exclude<StoredPrompt['state'], 'pending'>, MessageKey>;

const SKIP_REASON_KEYS = {
  disabled: 'skipReasonDisabled',
  'trigger-off': 'skipReasonTriggerOff',
  'already-prompted': 'skipReasonAlreadyPrompted',
  'too-short': 'skipReasonTooShort',
  'sampled-out': 'skipReasonSampledOut',
  snoozed: 'skipReasonSnoozed',
  'quiet-hours': 'skipReasonQuietHours',
  'daily-cap': 'skipReasonDailyCap',
  'hourly-cap': 'skipReasonHourlyCap',
  'min-gap': 'skipReasonMinGap',
  'max-deferral': 'skipReasonMaxDeferral',
} as const satisfies Record<SkipReason, MessageKey>;

/** The rule in words; a reason a newer version stored shows as its id rather than nothing. */
const skipReasonInWords = (reason: string | undefined) =>
  reason !== undefined && Object.hasOwn(SKIP_REASON_KEYS, reason)
    ? t(SKIP_REASON_KEYS[reason as SkipReason])
    : (reason ?? '?');

/**
 * "Zendesk ticket #42 · Order…: answered 2 · reasons: Too many tools · asked at 14:05, answered
 * after 12 sec" / "…: not asked: asked too recently": the agent's own answers, with everything
 * their `prompt.outcome` event carries about them (reasons, when shown, how long the answer took).
 */
function describePrompt(prompt: StoredPrompt, name: NameRecord) {
  const state = prompt.state === 'pending' ? 'shown' : prompt.state;
  const outcome =
    state === 'answered'
      ? t('outcomeAnswered', prompt.score ?? 0)
      : state === 'skipped'
        ? t('outcomeSkipped', skipReasonInWords(prompt.skipReason))
        : t(OUTCOME_KEYS[state]);
  const parts = [outcome];
  // Reasons go upstream with an answer only (lib/background/feedback-service.ts).
  if (state === 'answered' && prompt.reasons?.length) {
    parts.push(t('answerReasons', prompt.reasons.map(reasonLabel).join(', ')));
  }
  if (prompt.shownAt !== undefined) {
    parts.push(
      state === 'answered' && prompt.answeredAt !== undefined
        ? t(
            'answerAskedAndTook',
            formatTime(prompt.shownAt),
            formatDuration(Math.max(0, prompt.answeredAt - prompt.shownAt)),
          )
        : t('answerAskedAt', formatTime(prompt.shownAt)),
    );
  }
  return `${name(prompt.recordKey)}: ${parts.join(' · ')}`;
}

const HOUR_MS = 3_600_000;

/** One queued event the lists above do not show, in words; null for those they do. */
function describeSentEvent(event: OutboxEvent, appName: (id: string) => string): string | null {
  switch (event.type) {
    case 'cx.observed':
      return t(
        'customerRatingEntry',
        formatTime(event.occurredAt),
        appName(event.payload.app),
        recordTypeLabel(event.payload.recordType),
        event.payload.csat,
      );
    case 'adapter.health':
      return t(
        'recordsReadEntry',
        formatTime(event.payload.hourStart),
        formatTime(event.payload.hourStart + HOUR_MS),
        appName(event.payload.app),
        event.payload.records,
      );
    case 'events.dropped':
      return t('eventsLostEntry', formatTime(event.occurredAt), event.payload.count);
    default:
      return null;
  }
}
