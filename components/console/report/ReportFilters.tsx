import { t } from '@/lib/i18n';
import { appName as builtinAppName, type AppNameOf } from './app-names';

export type Filters = { app?: string; agent?: string; compare: boolean };

/**
 * Filters of the report (issue #14, item 6): a record app, an agent where the identity mode
 * allows (`agents` null otherwise), and the comparison with the previous period.
 */
export function ReportFilters({
  apps,
  agents,
  filters,
  onChange,
  appName = builtinAppName,
}: {
  apps: string[];
  agents: string[] | null;
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** App names in force (in-house apps included); built-in names alone without. */
  appName?: AppNameOf;
}) {
  const choose = (key: 'app' | 'agent', value: string) => {
    const { [key]: _old, ...rest } = filters;
    onChange(value === '' ? rest : { ...rest, [key]: value });
  };
  return (
    <div className="report-filters" data-testid="report-filters">
      <label className="field">
        <span>{t('reportFilterApp')}</span>
        <select
          data-testid="filter-app"
          value={filters.app ?? ''}
          onChange={(event) => choose('app', event.target.value)}
        >
          <option value="">{t('reportFilterAll')}</option>
          {apps.map((app) => (
            <option key={app} value={app}>
              {appName(app)}
            </option>
          ))}
        </select>
      </label>
      {agents === null ? (
        <span className="report-note" data-testid="filter-agent-hidden">
          {t('reportFilterAgentsHidden')}
        </span>
      ) : (
        <label className="field">
          <span>{t('reportFilterAgent')}</span>
          <select
            data-testid="filter-agent"
            value={filters.agent ?? ''}
            onChange={(event) => choose('agent', event.target.value)}
          >
            <option value="">{t('reportFilterAll')}</option>
            {agents.map((agent) => (
              <option key={agent} value={agent}>
                {agent}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field field-bool">
        <input
          type="checkbox"
          data-testid="filter-compare"
          checked={filters.compare}
          onChange={(event) => onChange({ ...filters, compare: event.target.checked })}
        />{' '}
        {t('reportCompare')}
      </label>
    </div>
  );
}
