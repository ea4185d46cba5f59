import { formatRelativeTime, t } from '@/lib/i18n';
import type { ResponseOf } from '@/lib/messaging/router';

type Collector = ResponseOf<'settings.get'>['collector'];

const RECORD_HASH_TEXT = {
  matches: 'recordHashMatches',
  differs: 'recordHashDiffers',
  notSet: 'recordHashNotSet',
  unchecked: 'recordHashUnchecked',
} as const satisfies Record<Collector['recordHashSecret'], string>;
/** States in which no CSAT can be linked: shown as a problem. */
const RECORD_HASH_PROBLEMS = new Set<Collector['recordHashSecret']>(['differs', 'notSet']);
type TestResult = ResponseOf<'collector.test'>;

type Props = {
  collector: Collector;
  test: TestResult | undefined;
  testing: boolean;
  onTest: () => void;
  onRefresh: () => void;
  /** Whether the browser granted the collector's origin; undefined while unknown. */
  originGranted: boolean | undefined;
  onGrantOrigin: () => void;
  now: number;
};

/** Where events and the team policy come from, whether it answers, and as whom (never the token). */
export function CollectorConnection(props: Props) {
  const { collector, test, testing, onTest, onRefresh, now } = props;
  const { url, tokenConfigured, lastCheck, teamPolicy, recordHashSecret } = collector;
  return (
    <section aria-labelledby="collector-heading">
      <h2 id="collector-heading">{t('collectorConnection')}</h2>
      {!url ? (
        <p>{t('collectorNotConfigured')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('collectorAddress')}</dt>
            <dd data-testid="collector-url">{url}</dd>
            <dt>{t('collectorToken')}</dt>
            <dd>{tokenConfigured ? t('collectorTokenSet') : t('collectorTokenMissing')}</dd>
            <dt>{t('teamPolicy')}</dt>
            <dd data-testid="team-policy-status">
              {teamPolicy
                ? t('teamPolicyVersion', teamPolicy.team, teamPolicy.version)
                : t('teamPolicyNone')}
              {lastCheck && (
                <>
                  {' · '}
                  {t('teamPolicyChecked', formatRelativeTime(lastCheck.checkedAt, now))}
                  {lastCheck.error && <span className="problem"> · {lastCheck.error}</span>}
                </>
              )}
            </dd>
            <dt>{t('recordHashSecretLabel')}</dt>
            <dd
              data-testid="record-hash-secret"
              className={RECORD_HASH_PROBLEMS.has(recordHashSecret) ? 'problem' : undefined}
            >
              {t(RECORD_HASH_TEXT[recordHashSecret])}
            </dd>
          </dl>
          <button type="button" onClick={onTest} disabled={testing}>
            {t('testConnection')}
          </button>{' '}
          <button type="button" onClick={onRefresh}>
            {t('checkTeamPolicyNow')}
          </button>
          {props.originGranted === false && (
            <p>
              {t('collectorOriginNote')}{' '}
              <button type="button" onClick={props.onGrantOrigin}>
                {t('allowCollectorAccess')}
              </button>
            </p>
          )}
          {test && (
            <p role="status" data-testid="connection-result">
              {test.ok
                ? t('connectionOk', test.whoami.team, test.whoami.role, test.whoami.tokenName)
                : t('connectionFailed', test.error)}
            </p>
          )}
        </>
      )}
      <p>
        <a href="console.html" data-testid="console-link">
          {t('openConsole')}
        </a>
      </p>
    </section>
  );
}
