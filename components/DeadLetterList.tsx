import type { DeadLetter } from '@/lib/storage/db';
import { t, uiLocale } from '@/lib/i18n';

type Props = {
  letters: DeadLetter[] | undefined;
  onRetry: (ids: string[]) => void;
  onDelete: (ids: string[]) => void;
  /** Asks before deleting for good; the page's `confirm` unless a test passes its own. */
  confirm?: (message: string) => boolean;
};

const formatWhen = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(at);

/** Options page: events the collector refused for good, each with Retry and Delete. */
export function DeadLetterList({
  letters,
  onRetry,
  onDelete,
  confirm = (message) => window.confirm(message),
}: Props) {
  return (
    <section aria-labelledby="dead-letters">
      <h2 id="dead-letters">{t('deadLettersHeading')}</h2>
      {!letters || letters.length === 0 ? (
        <p>{t('deadLettersNone')}</p>
      ) : (
        <table data-testid="dead-letters">
          <thead>
            <tr>
              <th scope="col">{t('columnType')}</th>
              <th scope="col">{t('columnOccurredAt')}</th>
              <th scope="col">{t('columnReason')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <tr key={letter.id}>
                <td>{letter.event.type}</td>
                <td>{formatWhen(letter.event.occurredAt)}</td>
                {/* The collector's own words, naming the field it refused. */}
                <td>{letter.reason}</td>
                <td>
                  <button type="button" onClick={() => onRetry([letter.id])}>
                    {t('deadLetterRetry')}
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => {
                      if (confirm(t('deadLetterConfirmDelete'))) onDelete([letter.id]);
                    }}
                  >
                    {t('deadLetterDelete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
