import type { TrackingView } from '@/lib/messaging/sidebar-port';
import { formatDuration, t, tPlural } from '@/lib/i18n';
import { figuresAt } from '@/lib/tracking/ticking';

/**
 * What is measured about the agent, shown to the agent: this interaction and today so far. The
 * interaction's figures count on from when the view was built up to `now` (issue #17 item 5).
 */
export function TrackingSummary({ tracking, now }: { tracking: TrackingView; now: number }) {
  if (!tracking.enabled) {
    return (
      <section aria-label={t('measurementLabel')} className="tracking">
        <p className="muted">{t('measurementOff')}</p>
      </section>
    );
  }
  const { today } = tracking;
  const interaction = tracking.interaction && figuresAt(tracking.interaction, now);
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
      {interaction && interaction.lookups.length > 0 && (
        <ul className="lookups" data-testid="interaction-lookups">
          {interaction.lookups.map((lookup) => (
            <li key={lookup.app}>{t('lookedUpIn', lookup.appName, formatDuration(lookup.ms))}</li>
          ))}
        </ul>
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
