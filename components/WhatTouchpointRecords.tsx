import type { StoredInteraction, StoredSpan, StoredSwitch } from '@/lib/storage/db';
import type { TrackingStatus } from '@/lib/platform/use-today-records';
import { formatDuration } from './format-duration';

type Props = {
  records?: { spans: StoredSpan[]; switches: StoredSwitch[]; interactions: StoredInteraction[] };
  status?: TrackingStatus;
  onSetPaused: (paused: boolean) => void;
};

const GAP_WORDS = {
  idle: 'no activity',
  locked: 'screen locked',
  outside: 'in another program',
  paused: 'paused by you',
} as const;

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function describeSpan(span: StoredSpan) {
  if (span.type === 'gap') return GAP_WORDS[span.kind];
  const record = span.recordKey ? ` (${span.recordKey.split(':').slice(1).join(' ')})` : '';
  return `${span.app}${span.domain ? ` ${span.domain}` : ''}${record}`;
}

/** "What Touchpoint records": everything measured about the agent today, in plain language. */
export function WhatTouchpointRecords({ records, status, onSetPaused }: Props) {
  return (
    <section aria-labelledby="what-recorded">
      <h2 id="what-recorded">What Touchpoint records</h2>
      {status && !status.enabled && <p>Measurement is switched off by your organisation.</p>}
      {status?.enabled && status.allowPause && (
        <button type="button" onClick={() => onSetPaused(!status.paused)}>
          {status.paused ? 'Resume recording' : 'Pause recording'}
        </button>
      )}
      {status?.paused && <p role="status">Paused: nothing is recorded until you resume.</p>}
      <p className="muted">
        Kept in this browser for a limited time. Only per-record summaries and hourly totals per app
        are sent; never page content, customers or addresses.
      </p>
      <h3>Today, in order</h3>
      {!records || records.spans.length === 0 ? (
        <p>Nothing recorded today.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {records.spans.map((span) => (
            <li key={span.id}>
              {time(span.start)}–{time(span.end)} · {describeSpan(span)} ·{' '}
              {formatDuration(span.end - span.start)}
            </li>
          ))}
        </ol>
      )}
      <h3>
        Switches between apps today:{' '}
        {records?.switches.filter((s) => s.type === 'switch').length ?? 0}
      </h3>
      <ul data-testid="switches">
        {records?.switches.map((entry) =>
          entry.type === 'switch' ? (
            <li key={entry.id}>
              {time(entry.at)} · {entry.from} → {entry.to}
            </li>
          ) : (
            <li key={entry.id}>
              {time(entry.at)} · another {entry.app} tab
            </li>
          ),
        )}
      </ul>
      <h3>Records handled today: {records?.interactions.length ?? 0}</h3>
      <ul data-testid="interactions">
        {records?.interactions.map((interaction) => (
          <li key={interaction.id}>
            {interaction.recordKey.split(':').join(' ')}: {formatDuration(interaction.handleMs)} on
            it, {interaction.switchCount} switches, {formatDuration(interaction.awayMs)} in other
            apps
          </li>
        ))}
      </ul>
    </section>
  );
}
