import type { CustomerCard } from '@/lib/context/customer-card';
import { CopyButton } from './CopyButton';
import { formatRelativeTime } from './format-time';

type Sourced = { value: string; sources: string[] };

function SourcedRow({ label, item, copy }: { label: string; item: Sourced; copy?: boolean }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>
        <span className="value">{item.value}</span>
        <span className="sources" aria-label={`from ${item.sources.join(', ')}`}>
          {item.sources.map((source) => (
            <span key={source} className="source-badge">
              {source}
            </span>
          ))}
        </span>
        {copy && <CopyButton value={item.value} label={label} />}
      </dd>
    </div>
  );
}

/** The unified customer card. Every value is rendered as text (React escapes it), never as HTML. */
export function CustomerCardView({ card, now }: { card: CustomerCard; now: number }) {
  const current = card.records.find((record) => record.current);
  return (
    <article className="card" aria-label="Customer">
      <h2 className="customer-name" data-testid="customer-name">
        {card.name?.value ?? 'Unknown customer'}
      </h2>
      {current && (
        <p className="current-record">
          {current.appName} {current.recordType} {current.recordId}
          {current.subject ? ` · ${current.subject}` : ''}
          {current.status ? ` · ${current.status}` : ''}
        </p>
      )}
      <dl className="fields">
        {card.emails.map((email) => (
          <SourcedRow key={email.value} label="Email" item={email} copy />
        ))}
        {card.phones.map((phone) => (
          <SourcedRow key={phone.value} label="Phone" item={phone} copy />
        ))}
        {card.organisations.map((organisation) => (
          <SourcedRow key={organisation.value} label="Organisation" item={organisation} />
        ))}
        {card.customerIds.map((id) => (
          <SourcedRow key={`${id.app}:${id.value}`} label={`${id.app} id`} item={id} copy />
        ))}
      </dl>
      <section aria-label="Seen in">
        <h3>Seen in</h3>
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
        <section aria-label="Recent records">
          <h3>Recent records</h3>
          <ul className="records">
            {card.records
              .filter((record) => !record.current)
              .map((record) => (
                <li key={record.key}>
                  <a href={record.url} target="_blank" rel="noreferrer">
                    {record.appName} {record.recordType} {record.recordId}
                  </a>
                  {record.subject && <span className="muted"> · {record.subject}</span>}
                </li>
              ))}
          </ul>
        </section>
      )}
      {card.links.length > 0 && (
        <section aria-label="Open in other apps">
          <h3>Open in</h3>
          <ul className="links">
            {card.links.map((link) => (
              <li key={link.app}>
                <a href={link.url} target="_blank" rel="noreferrer">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
