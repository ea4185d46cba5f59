import { useState } from 'react';
import { t } from '@/lib/i18n';
import { weekDatesOf } from './iso-weeks';
import { formatDateRange } from './report-format';

/** "Oct 5 – 11, 2026": weeks are chosen by their dates (issue #14). */
const weekOption = (week: string) => {
  const { startDate, endDate } = weekDatesOf(week);
  return formatDateRange(startDate, endDate);
};

export type Period = { from: string; to: string };

/** Whole ISO weeks, from and to (both included), chosen among the weeks that have ended. */
export function PeriodPicker({
  weeks,
  period,
  onChange,
}: {
  /** Ended weeks, newest first. */
  weeks: string[];
  period: Period;
  onChange: (period: Period) => void;
}) {
  const [draft, setDraft] = useState(period);
  const invalid = draft.from > draft.to;
  return (
    <form
      className="period-picker"
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid) onChange(draft);
      }}
    >
      <label className="field">
        <span>{t('reportFromWeek')}</span>
        <select
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          data-testid="period-from"
        >
          {weeks.map((week) => (
            <option key={week} value={week}>
              {weekOption(week)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('reportToWeek')}</span>
        <select
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          data-testid="period-to"
        >
          {weeks.map((week) => (
            <option key={week} value={week}>
              {weekOption(week)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={invalid}>
        {t('reportShow')}
      </button>
      {invalid && <span className="problem">{t('reportPeriodInvalid')}</span>}
    </form>
  );
}
