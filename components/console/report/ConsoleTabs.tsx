import { t } from '@/lib/i18n';

export type ConsoleView = 'policy' | 'report';

/** The console's two views (issues #6 and #7), as a pair of toggle buttons. */
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
    </nav>
  );
}
