import { t } from '@/lib/i18n';

export type ConsoleView = 'policy' | 'report' | 'adapters';

/** The console's views (issues #6, #7 and #16), as toggle buttons. */
export function ConsoleTabs({
  view,
  onChange,
}: {
  view: ConsoleView;
  onChange: (view: ConsoleView) => void;
}) {
  return (
    <nav className="console-tabs" aria-label={t('consoleHeading')}>
      <button
        type="button"
        aria-pressed={view === 'policy'}
        onClick={() => onChange('policy')}
        data-testid="tab-policy"
      >
        {t('reportTabPolicy')}
      </button>
      <button
        type="button"
        aria-pressed={view === 'report'}
        onClick={() => onChange('report')}
        data-testid="tab-report"
      >
        {t('reportTabReport')}
      </button>
      <button
        type="button"
        aria-pressed={view === 'adapters'}
        onClick={() => onChange('adapters')}
        data-testid="tab-adapters"
      >
        {t('adapterHealthTab')}
      </button>
    </nav>
  );
}
