import { z } from 'zod';

// What a console number field accepts (issue #14, item 7): the supervisor's text is kept as typed
// and read here; the form sends a value up only when it is a number inside the setting's bounds,
// and otherwise says, in words, what to type.

/** A setting's bounds in stored units, read from its zod schema. */
export type NumberBounds = { min: number; max: number; integer: boolean };

/** The bounds of a number schema (defaults unwrapped): what `.min()`, `.max()`, `.int()` say. */
export function numberBoundsOf(schema: z.ZodType): NumberBounds {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  if (!(inner instanceof z.ZodNumber)) throw new Error('numberBoundsOf: not a number schema');
  return {
    min: inner.minValue ?? -Number.MAX_SAFE_INTEGER,
    max: inner.maxValue ?? Number.MAX_SAFE_INTEGER,
    integer: inner.isInt,
  };
}

/** The bounds as a field shows them: in the field's unit (`scale` stored units per shown unit). */
export function shownBounds(bounds: NumberBounds, scale: number) {
  return {
    min: bounds.min / scale,
    max: bounds.max / scale,
    // A scaled value (seconds shown, milliseconds stored) may have decimals; a plain one keeps
    // the schema's whole-number rule.
    integer: bounds.integer && scale === 1,
  };
}

export type NumberInput = { ok: true; value: number } | { ok: false };

/**
 * The stored value for what was typed: a number (a decimal comma accepted) within the bounds,
 * in the field's unit; `{ ok: false }` for anything else, empty text included.
 */
export function readNumberInput(text: string, bounds: NumberBounds, scale = 1): NumberInput {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { ok: false };
  const shown = Number(trimmed);
  const shownLimits = shownBounds(bounds, scale);
  if (shownLimits.integer && !Number.isInteger(shown)) return { ok: false };
  const value = Math.round(shown * scale * 1e6) / 1e6;
  const stored = bounds.integer ? Math.round(value) : value;
  if (stored < bounds.min || stored > bounds.max) return { ok: false };
  return { ok: true, value: stored };
}

/** The stored value in the field's unit, as the field first shows it. */
export const shownNumber = (value: number, scale = 1) =>
  String(Math.round((value / scale) * 1000) / 1000);
