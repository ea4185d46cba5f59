import type { TrackingView } from '@/lib/messaging/protocol';
import { formatDuration } from './format-duration';

/** What is measured about the agent, shown to the agent: this interaction and today so far. */
export function TrackingSummary({ tracking }: { tracking: TrackingView }) {
  if (!tracking.enabled) {
    return (
      <section aria-label="Measurement" className="tracking">
        <p className="muted">Measurement is off.</p>
      </section>
    );
  }
  const { interaction, today } = tracking;
  return (
    <section aria-label="Measurement" className="tracking">
      <h3>What Touchpoint measures</h3>
      {tracking.paused && <p role="status">Paused: nothing is being recorded.</p>}
      {interaction && (
        <p data-testid="interaction-figures">
          This record: {interaction.switchCount}{' '}
          {interaction.switchCount === 1 ? 'switch' : 'switches'},{' '}
          {formatDuration(interaction.awayMs)} in other apps, {formatDuration(interaction.handleMs)}{' '}
          on it
        </p>
      )}
      <p data-testid="today-figures">
        Today: {formatDuration(today.focusMs)} in apps, {today.switchCount}{' '}
        {today.switchCount === 1 ? 'switch' : 'switches'}, {today.interactionCount}{' '}
        {today.interactionCount === 1 ? 'record' : 'records'} handled
      </p>
    </section>
  );
}
