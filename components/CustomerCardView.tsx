import type { CustomerCard } from '@/lib/context/customer-card';
import { formatRelativeTime, recordTitle, t } from '@/lib/i18n';
import { CopyButton } from './CopyButton';

type Sourced = { value: string; display?: string; sources: string[] };

function SourcedRow({
  label,
  item,
  copyLabel,
  appName,
}: {
  label: string;
  item: Sourced;
  copyLabel?: string;
  appName: (id: string) => string;
}) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>
        <span className="value">{item.display ?? item.value}</span>
        <span
          className="sources"
          aria-label={t('valueSources', item.sources.map(appName).join(', '))}
        >
          {item.sources.map((source) => (
            <span key={source} className="source-badge">
              {appName(source)}
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
  // Every app a value came from showed this customer, so the card carries its name (issue #17):
  // `seenIn` lists them all. No built-in name table here: it would make the sidebar build every
  // built-in adapter before its first card (issue #15 item 6).
  const names = new Map([
    ...card.records.map((record) => [record.app, record.appName] as const),
    ...card.seenIn.map((seen) => [seen.app, seen.appName] as const),
  ]);
  const appName = (id: string) => names.get(id) ?? id;
  return (
    <article className="card" aria-label={t('customerCardLabel')}>
      <h2 className="customer-name" data-testid="customer-name">
        {card.name?.value ?? t('unknownCustomer')}
      </h2>
      {current && (
        <p className="current-record">
          {recordTitle(current)}
          {current.status ? ` · ${current.status}` : ''}
        </p>
      )}
      <dl className="fields">
        {card.emails.map((email) => (
          <SourcedRow
            appName={appName}
            key={email.value}
            label={t('fieldEmail')}
            item={email}
            copyLabel={t('copyEmail')}
          />
        ))}
        {card.phones.map((phone) => (
          <SourcedRow
            appName={appName}
            key={phone.value}
            label={t('fieldPhone')}
            item={phone}
            copyLabel={t('copyPhone')}
          />
        ))}
        {card.organisations.map((organisation) => (
          <SourcedRow
            key={organisation.value}
            label={t('fieldOrganisation')}
            item={organisation}
            appName={appName}
          />
        ))}
        {card.customerIds.map((id) => (
          <SourcedRow
            appName={appName}
            key={`${id.app}:${id.value}`}
            label={t('fieldCustomerId', appName(id.app))}
            item={id}
            copyLabel={t('copyCustomerId', appName(id.app))}
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
                    {recordTitle({ ...record, subject: undefined })}
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
