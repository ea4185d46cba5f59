import type { AdapterHealthReport, FieldHealthSeries } from '@/contract/adapter-health';
import type { TeamAdapters } from '@/contract/adapter-definitions';
import type { ContextField } from '@/contract/record-fields';
import { formatRelativeTime, formatTime, t, uiLocale } from '@/lib/i18n';
import { appName } from './report/app-names';
import { LineChart } from './report/LineChart';

const percent = (share: number) =>
  new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A chart's hour, short enough for its axis: "Sat 7 AM". */
const axisHour = (iso: string) =>
  new Intl.DateTimeFormat(uiLocale(), { weekday: 'short', hour: 'numeric' }).format(
    Date.parse(iso),
  );

const hourLabel = (iso: string) => {
  const at = Date.parse(iso);
  const day = new Intl.DateTimeFormat(uiLocale(), { day: 'numeric', month: 'short' }).format(at);
  return `${day} ${formatTime(at)}`;
};

export type DefinitionsEditorState = {
  text: string;
  /** What is wrong with the text, already in words (a JSON error or each bad path). */
  problems: string[];
  message: string | undefined;
  busy: boolean;
};

type Props = {
  report: AdapterHealthReport;
  adapters: TeamAdapters;
  canPublish: boolean;
  now: number;
  editor: DefinitionsEditorState;
  onEdit: (text: string) => void;
  onOverride: (app: string, field: ContextField) => void;
  onPublish: () => void;
  onRollBack: () => void;
};

/**
 * The console's "Adapter health" view (issue #16): per app and field, the hit rate per hour, the
 * extractor in use and a flag when the field broke; for admins, the team's adapter definitions
 * as JSON with Publish and Roll back.
 */
export function AdapterHealthView(props: Props) {
  const { report, adapters, canPublish, now, editor } = props;
  return (
    <>
      <section aria-labelledby="adapter-health-heading">
        <h2 id="adapter-health-heading">{t('adapterHealthTab')}</h2>
        <p>{t('adapterHealthIntro')}</p>
        <p data-testid="adapter-health-rule">
          {t('adapterHealthHeldBackRule', report.minGroupSize)}
        </p>
        {report.apps.length === 0 && (
          <p data-testid="adapter-health-none">{t('adapterHealthNone', report.minGroupSize)}</p>
        )}
        {report.apps.map((app) => (
          <section
            key={app.app}
            aria-labelledby={`health-${app.app}`}
            className="adapter-health-app"
          >
            <h3 id={`health-${app.app}`}>{appName(app.app)}</h3>
            <p>{t('adapterHealthRecords', app.records)}</p>
            <ul className="adapter-health-fields">
              {app.fields.map((field) => (
                <FieldHealth
                  key={field.field}
                  app={app.app}
                  series={field}
                  canPublish={canPublish}
                  onOverride={() => props.onOverride(app.app, field.field)}
                />
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section aria-labelledby="adapter-definitions-heading">
        <h2 id="adapter-definitions-heading">{t('adapterDefinitionsHeading', adapters.version)}</h2>
        <p data-testid="adapter-definitions-meta">
          {adapters.updatedAt
            ? t(
                'adapterDefinitionsPublishedBy',
                formatRelativeTime(Date.parse(adapters.updatedAt), now),
                adapters.updatedBy ?? '?',
              )
            : t('adapterDefinitionsNothing')}
        </p>
        {canPublish ? (
          <>
            <label className="field adapter-definitions">
              <span>{t('adapterDefinitionsEditor')}</span>
              <textarea
                data-testid="adapter-definitions"
                spellCheck={false}
                rows={16}
                value={editor.text}
                onChange={(event) => props.onEdit(event.target.value)}
              />
            </label>
            {editor.problems.length > 0 && (
              <ul className="problems" data-testid="adapter-definitions-problems">
                {editor.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
            <button
              type="button"
              className="primary"
              disabled={editor.busy || editor.problems.length > 0}
              onClick={props.onPublish}
            >
              {t('adapterDefinitionsPublish')}
            </button>{' '}
            <button
              type="button"
              disabled={editor.busy || adapters.version < 1}
              onClick={props.onRollBack}
            >
              {t('adapterDefinitionsRollBack')}
            </button>
          </>
        ) : (
          <p>{t('adapterDefinitionsAdminOnly')}</p>
        )}
        {editor.message && <p role="status">{editor.message}</p>}
      </section>
    </>
  );
}

function FieldHealth({
  app,
  series,
  canPublish,
  onOverride,
}: {
  app: string;
  series: FieldHealthSeries;
  canPublish: boolean;
  onOverride: () => void;
}) {
  const points = series.hours.map((hour) => ({
    label: axisHour(hour.hourStart),
    value: hour.matched + hour.missed === 0 ? null : hour.matched / (hour.matched + hour.missed),
  }));
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  return (
    <li
      className={series.flag ? 'adapter-health-field flagged' : 'adapter-health-field'}
      data-testid={`adapter-health-${app}-${series.field}`}
    >
      <h4>{series.field}</h4>
      {series.flag && (
        <p className="problem" role="alert" data-testid={`adapter-flag-${app}-${series.field}`}>
          {t(
            'adapterHealthFlag',
            hourLabel(series.flag.since),
            percent(series.flag.rateBefore),
            percent(series.flag.rateSince),
          )}
        </p>
      )}
      <p>
        {series.recentHitRate === null
          ? t('adapterHealthNoRate')
          : t('adapterHealthHitRate', percent(series.recentHitRate))}
      </p>
      <p>
        {series.extractorInUse === null ? (
          t('adapterHealthNoExtractor')
        ) : (
          <>
            {t('adapterHealthExtractor', '')}
            <code>{series.extractorInUse}</code>
          </>
        )}
      </p>
      <LineChart
        title={t('adapterHealthChartTitle', series.field)}
        summary={t(
          'adapterHealthChartSummary',
          percent(values[0] ?? 0),
          percent(values.at(-1) ?? 0),
        )}
        points={points}
        formatValue={percent}
        domain={[0, 1]}
      />
      {canPublish && (
        <button
          type="button"
          onClick={onOverride}
          data-testid={`adapter-override-${app}-${series.field}`}
        >
          {t('adapterHealthOverride')}
        </button>
      )}
    </li>
  );
}
