import type { TrackingView } from '@/lib/messaging/protocol';
import { formatDuration, t, tPlural } from '@/lib/i18n';

/** What is measured about the agent, shown to the agent: this interaction and today so far. */
export function TrackingSummary({ tracking }: { tracking: TrackingView }) {
  if (!tracking.enabled) {
    return (
      <section aria-label={t('measurementLabel')} className="tracking">
        <p className="muted">{t('measurementOff')}</p>
      </section>
    );
  }
  const { interaction, today } = tracking;
  return (
    <section aria-label={t('measurementLabel')} className="tracking">
      <h3>{t('whatTouchpointMeasures')}</h3>
      {tracking.paused && <p role="status">{t('measurementPaused')}</p>}
      {interaction && (
        <p data-testid="interaction-figures">
          {t(
            'interactionFigures',
            tPlural('switches', interaction.switchCount),
            formatDuration(interaction.awayMs),
            formatDuration(interaction.handleMs),
          )}
        </p>
      )}
      <p data-testid="today-figures">
        {t(
          'todayFigures',
          formatDuration(today.focusMs),
          tPlural('switches', today.switchCount),
          tPlural('records', today.interactionCount),
        )}
      </p>
    </section>
  );
}
