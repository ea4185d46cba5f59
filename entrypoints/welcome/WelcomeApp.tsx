import { FirstRunGuide } from '@/components/FirstRunGuide';
import { firstRunFacts } from '@/lib/settings/first-run-facts';
import { useSettings } from '@/lib/platform/pages/use-settings';

/** First-run page (issue #17): opened once on install, and from the popup. */
export function WelcomeApp() {
  const { settings, error } = useSettings();
  return (
    <>
      {error && <p role="alert">{error}</p>}
      <FirstRunGuide
        facts={settings && firstRunFacts(settings.settings, settings.collector.url)}
        settingsHref="options.html"
      />
    </>
  );
}
