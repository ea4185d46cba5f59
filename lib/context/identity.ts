import type { RecordContext } from './record-context';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Lower-cased, trimmed email, or undefined when the value is not an email address. */
export function normaliseEmail(raw: string | undefined): string | undefined {
  const email = raw?.trim().toLowerCase();
  return email && EMAIL.test(email) ? email : undefined;
}

/**
 * E.164 form (`+4930123456`) of a phone number as agents type it, or undefined when it cannot be
 * one. National numbers get `defaultCallingCode`: a leading trunk `0` is dropped, and for NANP
 * (`1`) ten-digit numbers are national. Extensions ("x12", "ext. 12") are ignored.
 */
export function normalisePhone(
  raw: string | undefined,
  defaultCallingCode: string,
): string | undefined {
  if (!raw) return undefined;
  const withoutExtension = raw.split(/\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i)[0] ?? '';
  const trimmed = withoutExtension.trim();
  if (/[^\d\s()+./-]/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  let international: string;
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('0')) international = defaultCallingCode + digits.slice(1);
  else if (defaultCallingCode === '1' && digits.length === 11 && digits.startsWith('1'))
    international = digits;
  else international = defaultCallingCode + digits;
  if (international.length < 8 || international.length > 15 || international.startsWith('0'))
    return undefined;
  return `+${international}`;
}

export type IdentityOptions = {
  defaultCallingCode: string;
  /** Admin-declared groups of `app:customerId` that are the same customer. */
  idLinks: readonly (readonly string[])[];
};

/**
 * Keys under which a record context meets other contexts of the same customer: normalised email,
 * E.164 phone, the app's own customer id, and admin-declared id links.
 */
export function identityKeysOf(context: RecordContext, options: IdentityOptions): string[] {
  const keys: string[] = [];
  const email = normaliseEmail(context.customerEmail);
  if (email) keys.push(`email:${email}`);
  const phone = normalisePhone(context.customerPhone, options.defaultCallingCode);
  if (phone) keys.push(`phone:${phone}`);
  if (context.customerId) {
    const appId = `${context.app}:${context.customerId}`;
    keys.push(`id:${appId}`);
    for (const group of options.idLinks) {
      if (group.includes(appId)) keys.push(`link:${group[0]}`);
    }
  }
  return keys;
}
