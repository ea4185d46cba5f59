import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { formatNumber, t } from '@/lib/i18n';
import {
  readNumberInput,
  shownBounds,
  shownNumber,
  type NumberBounds,
} from '@/lib/settings/number-input';

type Common = { label: string; disabled: boolean; testId: string };

export function BoolField({
  label,
  disabled,
  testId,
  checked,
  onChange,
}: Common & { checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="field field-bool">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />{' '}
      {label}
    </label>
  );
}

/**
 * A number shown in a unit (`scale`: stored value per shown unit, e.g. 60 000 for minutes). What
 * the supervisor types stays as typed (issue #14, item 7); a value goes up only when it is a number
 * within `bounds`, otherwise a plain-words message shows beside the field and `onValidity(false)`
 * tells the form to hold Save.
 */
export function NumberField({
  label,
  disabled,
  testId,
  value,
  bounds,
  scale = 1,
  onChange,
  onValidity,
}: Common & {
  value: number;
  bounds: NumberBounds;
  scale?: number;
  onChange: (value: number) => void;
  onValidity?: (valid: boolean) => void;
}) {
  const [text, setText] = useState(() => shownNumber(value, scale));
  const [invalid, setInvalid] = useState(false);
  const [seen, setSeen] = useState(value);
  const problemId = useId();
  // A value set from outside (reset to default, a reload) replaces the text; the field's own
  // values come back equal to what it reads from the text and leave it alone.
  if (value !== seen) {
    setSeen(value);
    const read = readNumberInput(text, bounds, scale);
    if (!read.ok || read.value !== value) {
      setText(shownNumber(value, scale));
      setInvalid(false);
    }
  }
  const shown = shownBounds(bounds, scale);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode={shown.integer ? 'numeric' : 'decimal'}
        data-testid={testId}
        value={text}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={invalid ? problemId : undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const read = readNumberInput(next, bounds, scale);
          setInvalid(!read.ok);
          onValidity?.(read.ok);
          if (read.ok && read.value !== value) onChange(read.value);
        }}
      />
      {invalid && (
        <span className="problem" id={problemId} data-testid={`${testId}-problem`}>
          {t(
            shown.integer ? 'fieldWholeNumberRange' : 'fieldNumberRange',
            formatNumber(shown.min),
            formatNumber(shown.max),
          )}
        </span>
      )}
    </label>
  );
}

export function SelectField<T extends string>({
  label,
  disabled,
  testId,
  value,
  options,
  onChange,
}: Common & { value: T; options: { value: T; label: string }[]; onChange: (value: T) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What a text field's words mean: a value, or why they are none yet (shown beside the field). */
export type TextReading<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Free text whose meaning the caller reads (lists, JSON), kept as NumberField keeps numbers: what
 * the supervisor types stays as typed; a value goes up only when `read` accepts the text, otherwise
 * its problem shows beside the field and `onValidity(false)` tells the form to hold Save.
 */
export function TextField<T>({
  label,
  disabled,
  testId,
  value,
  format,
  read,
  multiline = false,
  onChange,
  onValidity,
}: Common & {
  value: T;
  /** The text for a value; equal values give equal texts. */
  format: (value: T) => string;
  read: (text: string) => TextReading<T>;
  multiline?: boolean;
  onChange: (value: T) => void;
  onValidity?: (valid: boolean) => void;
}) {
  const shown = format(value);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string>();
  const [seen, setSeen] = useState(shown);
  const problemId = useId();
  // As in NumberField: a value set from outside (reset to default, the policy reloaded after a
  // conflict) replaces the text; the field's own values come back equal to what it reads.
  if (shown !== seen) {
    setSeen(shown);
    const reading = read(text);
    if (!reading.ok || format(reading.value) !== shown) {
      setText(shown);
      setProblem(undefined);
    }
  }
  const input = {
    'data-testid': testId,
    value: text,
    disabled,
    'aria-invalid': problem !== undefined,
    'aria-describedby': problem === undefined ? undefined : problemId,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const next = event.target.value;
      setText(next);
      const reading = read(next);
      setProblem(reading.ok ? undefined : reading.problem);
      onValidity?.(reading.ok);
      if (reading.ok) onChange(reading.value);
    },
  };
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={4} {...input} /> : <input type="text" {...input} />}
      {problem !== undefined && (
        <span className="problem" id={problemId} data-testid={`${testId}-problem`}>
          {problem}
        </span>
      )}
    </label>
  );
}

export function FieldGroup({ children }: { children: ReactNode }) {
  return <div className="field-group">{children}</div>;
}
