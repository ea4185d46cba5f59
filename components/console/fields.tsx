import type { ReactNode } from 'react';

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

/** A number shown in a unit (`scale`: stored value per shown unit, e.g. 60 000 for minutes). */
export function NumberField({
  label,
  disabled,
  testId,
  value,
  scale = 1,
  step = 1,
  onChange,
}: Common & { value: number; scale?: number; step?: number; onChange: (value: number) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        data-testid={testId}
        step={step}
        value={Math.round((value / scale) * 1000) / 1000}
        disabled={disabled}
        onChange={(event) => onChange(Math.round(Number(event.target.value) * scale * 1e6) / 1e6)}
      />
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

/** Free text whose meaning the caller parses (lists, JSON); keeps what is typed while invalid. */
export function TextField({
  label,
  disabled,
  testId,
  value,
  multiline = false,
  onChange,
}: Common & { value: string; multiline?: boolean; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? (
        <textarea
          data-testid={testId}
          rows={4}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          type="text"
          data-testid={testId}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </label>
  );
}

export function FieldGroup({ children }: { children: ReactNode }) {
  return <div className="field-group">{children}</div>;
}
