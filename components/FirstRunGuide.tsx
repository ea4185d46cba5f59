import type { FirstRunFacts } from '@/lib/settings/first-run-facts';
import { t, tPlural } from '@/lib/i18n';

function identityInWords(facts: FirstRunFacts): string {
  switch (facts.identityMode) {
    case 'identified':
      return t('firstRunIdentityIdentified');
    case 'pseudonymous':
      return t('firstRunIdentityPseudonymous', facts.minGroupSize);
    case 'anonymous':
      return t('firstRunIdentityAnonymous');
  }
}

/**
 * The agent's first-run page (issue #17): what Touchpoint measures and what it never does, under
 * which identity, where figures go, how to see, export and delete them, and whether pausing is
 * allowed, each stated from the settings in force.
 */
export function FirstRunGuide({
  facts,
  settingsHref,
}: {
  facts: FirstRunFacts | undefined;
  settingsHref: string;
}) {
  return (
    <main className="first-run">
      <h1>{t('firstRunTitle')}</h1>
      <p className="lead">{t('firstRunLead')}</p>
      {!facts ? (
        <p role="status">{t('firstRunLoading')}</p>
      ) : (
        <>
          <section aria-labelledby="first-run-measured">
            <h2 id="first-run-measured">{t('firstRunMeasuredHeading')}</h2>
            {facts.trackingEnabled ? (
              <ul>
                <li>{t('firstRunMeasuredApps')}</li>
                <li>{t('firstRunMeasuredSwitches')}</li>
                {facts.promptsEnabled && <li>{t('firstRunMeasuredAnswers')}</li>}
              </ul>
            ) : (
              <p>{t('firstRunMeasurementOff')}</p>
            )}
          </section>
          <section aria-labelledby="first-run-never">
            <h2 id="first-run-never">{t('firstRunNeverHeading')}</h2>
            <ul>
              <li>{t('firstRunNeverCustomer')}</li>
              <li>{t('firstRunNeverTyping')}</li>
              <li>
                {facts.storeOtherDomains ? t('firstRunOtherDomains') : t('firstRunNeverAddresses')}
              </li>
            </ul>
          </section>
          <section aria-labelledby="first-run-identity">
            <h2 id="first-run-identity">{t('firstRunIdentityHeading')}</h2>
            <p data-testid="first-run-identity">{identityInWords(facts)}</p>
          </section>
          <section aria-labelledby="first-run-collector">
            <h2 id="first-run-collector">{t('firstRunCollectorHeading')}</h2>
            <p data-testid="first-run-collector">
              {facts.collectorUrl
                ? t('firstRunCollector', facts.collectorUrl)
                : t('firstRunNoCollector')}
            </p>
            <p>{tPlural('firstRunKeptDays', facts.retentionDays)}</p>
          </section>
          <section aria-labelledby="first-run-your-data">
            <h2 id="first-run-your-data">{t('firstRunYourDataHeading')}</h2>
            <p>{t('firstRunSee')}</p>
            <p>
              {t('firstRunExportDelete')} <a href={settingsHref}>{t('firstRunOpenSettings')}</a>
            </p>
            <p>{t('firstRunSentStays')}</p>
          </section>
          <section aria-labelledby="first-run-pause">
            <h2 id="first-run-pause">{t('firstRunPauseHeading')}</h2>
            <p data-testid="first-run-pause">
              {facts.allowPause ? t('firstRunPauseAllowed') : t('firstRunPauseNotAllowed')}
            </p>
          </section>
        </>
      )}
    </main>
  );
}
