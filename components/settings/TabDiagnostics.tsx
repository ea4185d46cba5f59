import { formatNumber, t } from '@/lib/i18n';

export type TabMatch = {
  url: string;
  appName: string | null;
  matchedBy: Record<string, string>;
} | null;

type Props = {
  tab: TabMatch;
  storage: { usage: number; quota: number } | undefined;
  permissions: { permissions: string[]; origins: string[] } | undefined;
};

const megabytes = (bytes: number) => formatNumber(Math.round((bytes / 1_048_576) * 10) / 10);

/** Which adapter read the tab in front and by which selectors, storage used, permissions held. */
export function TabDiagnostics({ tab, storage, permissions }: Props) {
  return (
    <section aria-labelledby="tab-diagnostics">
      <h2 id="tab-diagnostics">{t('diagnosticsHeading')}</h2>
      <h3>{t('currentTab')}</h3>
      {!tab ? (
        <p>{t('currentTabNone')}</p>
      ) : (
        <div data-testid="tab-match">
          <p>
            {tab.appName ? t('currentTabMatched', tab.appName) : t('currentTabNoAdapter')}{' '}
            <code>{tab.url}</code>
          </p>
          {Object.keys(tab.matchedBy).length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('columnField')}</th>
                  <th scope="col">{t('columnMatchedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(tab.matchedBy).map(([field, rule]) => (
                  <tr key={field}>
                    <td>{field}</td>
                    <td>
                      <code>{rule}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <h3>{t('storageUsed')}</h3>
      <p data-testid="storage-used">
        {storage ? t('storageUsage', megabytes(storage.usage), megabytes(storage.quota)) : '…'}
      </p>
      <h3>{t('permissionsGranted')}</h3>
      {permissions && (
        <ul data-testid="permissions">
          {[...permissions.permissions, ...permissions.origins].map((permission) => (
            <li key={permission}>
              <code>{permission}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
