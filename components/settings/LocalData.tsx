import { formatNumber, t } from '@/lib/i18n';
import type { ResponseOf } from '@/lib/messaging/router';

type Summary = ResponseOf<'localData.summary'>;

type Props = {
  onExport: () => void;
  /** Asks for the summary: what would be deleted and how much of it was never sent. */
  onPrepareDelete: () => void;
  onConfirmDelete: () => void;
  onCancelDelete: () => void;
  pending: Summary | undefined;
  deleted: boolean;
};

/** The agent's own copy of everything Touchpoint keeps here, and a way to delete it. */
export function LocalData(props: Props) {
  const { pending } = props;
  return (
    <section aria-labelledby="local-data-heading">
      <h2 id="local-data-heading">{t('localData')}</h2>
      <p className="muted">{t('localDataNote')}</p>
      <button type="button" onClick={props.onExport}>
        {t('exportLocalData')}
      </button>{' '}
      <button type="button" onClick={props.onPrepareDelete} disabled={pending !== undefined}>
        {t('deleteLocalData')}
      </button>
      {props.deleted && <p role="status">{t('localDataDeleted')}</p>}
      {pending && (
        <div role="alertdialog" aria-labelledby="delete-confirm" className="confirm">
          <p id="delete-confirm" data-testid="unsynced-warning">
            {pending.unsyncedEvents > 0
              ? t('deleteUnsyncedWarning', pending.unsyncedEvents)
              : t('deleteAllSynced')}
          </p>
          <ul>
            {Object.entries(pending.tables).map(([table, count]) => (
              <li key={table}>
                <code>{table}</code>: {formatNumber(count)}
              </li>
            ))}
          </ul>
          <button type="button" className="danger" onClick={props.onConfirmDelete}>
            {t('deleteLocalDataConfirm')}
          </button>{' '}
          <button type="button" onClick={props.onCancelDelete}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
