import type { CustomerCard } from '@/lib/context/customer-card';
import { formatRelativeTime, recordName, t } from '@/lib/i18n';
import { CopyButton } from './CopyButton';

type Sourced = { value: string; display?: string; sources: string[] };

function SourcedRow({
  label,
  item,
  copyLabel,
}: {
  label: string;
  item: Sourced;
  copyLabel?: string;
}) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>
        <span className="value">{item.display ?? item.value}</span>
        <span className="sources" aria-label={t('valueSources', item.sources.join(', '))}>
          {item.sources.map((source) => (
            <span key={source} className="source-badge">
              {source}
            </span>
          ))}
        </span>
        {copyLabel && <CopyButton value={item.value} label={copyLabel} />}
      </dd>
    </div>
  );
}

/** The unified customer card. Every value is rendered as text (React escapes it), never as HTML. */
export function CustomerCardView({ card, now }: { card: CustomerCard; now: number }) {
  const current = card.records.find((record) => record.current);
  return (
    <article className="card" aria-label={t('customerCardLabel')}>
      <h2 className="customer-name" data-testid="customer-name">
        {card.name?.value ?? t('unknownCustomer')}
      </h2>
      {current && (
        <p className="current-record">
          {recordName(current.appName, current.recordType, current.recordId)}
          {current.subject ? ` · ${current.subject}` : ''}
          {current.status ? ` · ${current.status}` : ''}
        </p>
      )}
      <dl className="fields">
        {card.emails.map((email) => (
          <SourcedRow
            key={email.value}
            label={t('fieldEmail')}
            item={email}
            copyLabel={t('copyEmail')}
          />
        ))}
        {card.phones.map((phone) => (
          <SourcedRow
            key={phone.value}
            label={t('fieldPhone')}
            item={phone}
            copyLabel={t('copyPhone')}
          />
        ))}
        {card.organisations.map((organisation) => (
          <SourcedRow key={organisation.value} label={t('fieldOrganisation')} item={organisation} />
        ))}
        {card.customerIds.map((id) => (
          <SourcedRow
            key={`${id.app}:${id.value}`}
            label={t('fieldCustomerId', id.app)}
            item={id}
            copyLabel={t('copyCustomerId', id.app)}
          />
        ))}
      </dl>
      <section aria-label={t('seenIn')}>
        <h3>{t('seenIn')}</h3>
        <ul className="seen-in">
          {card.seenIn.map((seen) => (
            <li key={seen.app}>
              {seen.appName}{' '}
              <span className="muted">{formatRelativeTime(seen.lastSeenAt, now)}</span>
            </li>
          ))}
        </ul>
      </section>
      {card.records.length > 1 && (
        <section aria-label={t('recentRecords')}>
          <h3>{t('recentRecords')}</h3>
          <ul className="records">
            {card.records
              .filter((record) => !record.current)
              .map((record) => (
                <li key={record.key}>
                  <a href={record.url} target="_blank" rel="noreferrer">
                    {recordName(record.appName, record.recordType, record.recordId)}
                  </a>
                  {record.subject && <span className="muted"> · {record.subject}</span>}
                </li>
              ))}
          </ul>
        </section>
      )}
      {card.links.length > 0 && (
        <section aria-label={t('openInOtherApps')}>
          <h3>{t('openIn')}</h3>
          <ul className="links">
            {card.links.map((link) => (
              // Every link searches the app for this customer; its English `label` is built in
              // lib/context, so the text is made here from the app's name instead.
              <li key={link.app}>
                <a href={link.url} target="_blank" rel="noreferrer">
                  {t('findIn', link.appName)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
