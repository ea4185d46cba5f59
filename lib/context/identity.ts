import {
  findPhoneNumbersInText,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type PhoneNumber,
} from 'libphonenumber-js/min';
import type { RecordContext } from './record-context';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Invisible characters CRM pages leave in addresses: zero-width, bidi marks, soft hyphens. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
/** The address of a display form, `Ada Lovelace <ada@example.com>`. */
const BRACKETED = /<([^<>]*)>/g;
/** Quotes and brackets around an address, and the punctuation of the sentence or list after it. */
const WRAPPING = /^[\s"'“”‘’«»()[\]{}<>]+|[\s"'“”‘’«»()[\]{}<>.,;:]+$/g;
const MAILTO = /^mailto:/i;

const unwrap = (text: string) => text.replace(WRAPPING, '');

/**
 * The one address a field holds, lower-cased, or undefined when it holds none or several. One
 * customer must give one key however a CRM shows the address: as a `mailto:` link, in the display
 * form, between quotes, in fullwidth characters or with invisible ones.
 */
export function normaliseEmail(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = raw.normalize('NFKC').replace(FORMAT_CHARACTERS, '');
  const bracketed = [...text.matchAll(BRACKETED)].map((match) => match[1]!);
  // Several bracketed addresses are a list of people, none of them more the customer than another.
  if (bracketed.filter((inner) => inner.includes('@')).length > 1) return undefined;
  const link = unwrap(bracketed.at(-1) ?? text);
  // A link's query (`?subject=…`, `?cc=…`) names no one the customer is.
  const email = unwrap(link.replace(MAILTO, '').split('?')[0]!).toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

/**
 * International prefixes other than `00`, by the calling code whose agents dial them: a US CRM
 * holds "011 44 20 7946 0018", an Australian one "0011 44 …", a Japanese one "010 44 …".
 */
const DIAL_OUT: Readonly<Record<string, string>> = { '1': '011', '61': '0011', '81': '010' };

/**
 * A phone number as agents type it, read with the default calling code for national numbers
 * (libphonenumber-js: trunk prefixes per country, so Italy's 06… keeps its 0 in E.164). `00` is
 * read as the international prefix whatever the default, as most of the world dials it, and so
 * is the default country's own (`DIAL_OUT`). Only a number its country could have counts: a
 * placeholder such as 123-456-7890 would otherwise be one customer's key in every app, and merge
 * strangers on one card.
 */
function parsePhone(raw: string | undefined, defaultCallingCode: string): PhoneNumber | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  const dialOut = [DIAL_OUT[defaultCallingCode], '00'].find(
    (prefix) => prefix && trimmed.startsWith(prefix),
  );
  const international = dialOut ? `+${trimmed.slice(dialOut.length)}` : trimmed;
  const phone = parsePhoneNumberFromString(international, nationalReading(defaultCallingCode));
  if (phone?.isValid()) return phone;
  // Only a number written with Mexico's code: "1 415 555 0100" under +52 is a US number.
  return phone && international.startsWith('+') ? withoutMexicanMobileOne(phone) : undefined;
}

/**
 * Mexico's mobiles were dialled "+52 1 …" until 2019; the 1 is gone from the numbering plan, yet
 * older CRM records keep it. Without it such a number is the customer's number today.
 */
function withoutMexicanMobileOne(phone: PhoneNumber): PhoneNumber | undefined {
  if (phone.countryCallingCode !== '52' || !/^1\d{10}$/.test(phone.nationalNumber))
    return undefined;
  const today = parsePhoneNumberFromString(`+52${phone.nationalNumber.slice(1)}`);
  if (today?.isValid() && phone.ext) today.ext = phone.ext;
  return today?.isValid() ? today : undefined;
}

let callingCodes: ReadonlySet<string> | undefined;

/**
 * How national numbers are read: with the default calling code when some country has it. An
 * admin's typo ("35" for 353) then reads international numbers only; libphonenumber-js would
 * throw on it, and a record with a national number would be lost.
 */
function nationalReading(defaultCallingCode: string) {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  return callingCodes.has(defaultCallingCode) ? { defaultCallingCode } : undefined;
}

/** A field listing a few numbers with their labels fits; libphonenumber-js reads 250 at most. */
const MAX_PHONE_FIELD = 200;

/** What separates the numbers of a list ("020 7946 0018, 07911 123456"). */
const LIST_SEPARATOR = /[,;|\n]/;

/**
 * The numbers of one list entry: itself when it is one number ("0221/1234567", "030 / 1234567":
 * a slash after the area code); else the numbers on each side of its slashes, when each side is
 * one ("+44 20 7946 0018 / +44 7911 123456").
 */
function phonesOfEntry(entry: string, defaultCallingCode: string): PhoneNumber[] {
  const whole = parsePhone(entry, defaultCallingCode);
  if (whole) return [whole];
  const sides = entry.split('/').map((side) => parsePhone(side, defaultCallingCode));
  return sides.length > 1 && sides.every((side) => side !== undefined) ? sides : [];
}

/**
 * Every number a field holds: itself when it is one number; else each number of a list, or the
 * numbers in its text ("Office 020 7946 0018 mobile 07911 123456"), first first. A list is split
 * before it is read whole, which would take the second number for the first one's extension.
 */
function phonesIn(raw: string | undefined, defaultCallingCode: string): PhoneNumber[] {
  // Longer, it is no phone field but a selector that matched a whole panel: its numbers are not
  // the customer's.
  if (!raw?.trim() || raw.length > MAX_PHONE_FIELD) return [];
  const listed = raw
    .split(LIST_SEPARATOR)
    .flatMap((entry) => phonesOfEntry(entry, defaultCallingCode));
  if (listed.length > 1) return listed;
  const found = findPhoneNumbersInText(raw, nationalReading(defaultCallingCode)).flatMap(
    ({ number }) => {
      const phone = parsePhone(number.number, defaultCallingCode);
      if (phone && number.ext) phone.ext = number.ext;
      return phone ? [phone] : [];
    },
  );
  if (found.length > 1) return found;
  const whole = parsePhone(raw, defaultCallingCode);
  return whole ? [whole] : found;
}

const e164Of = (phone: PhoneNumber) =>
  phone.ext ? `${phone.number};ext=${phone.ext}` : String(phone.number);

/**
 * Every number of a field in E.164 form (`+4930123456`), each once, first first: for matching
 * customers across apps. An extension stays on it (`+442079460958;ext=40`, RFC 3966): people
 * behind one switchboard are not one customer.
 */
export function normalisePhones(raw: string | undefined, defaultCallingCode: string): string[] {
  return [...new Set(phonesIn(raw, defaultCallingCode).map(e164Of))];
}

/** The number to dial or search for, without its extension. */
export const withoutExtension = (phone: string) => phone.split(';ext=')[0]!;

/**
 * How the card shows a number: national format for the team's own country ("020 7946 0018"),
 * international for others ("+44 20 7946 0018"); the raw text when it is not a phone number.
 */
export function displayPhone(raw: string, defaultCallingCode: string): string {
  const phone = parsePhone(raw, defaultCallingCode);
  if (!phone) return raw;
  return phone.countryCallingCode === defaultCallingCode
    ? phone.formatNational()
    : phone.formatInternational();
}

export type IdentityOptions = {
  defaultCallingCode: string;
  /** Admin-declared groups of `app:customerId` that are the same customer. */
  idLinks: readonly (readonly string[])[];
};

// Values a CRM shows where it has no customer of its own: a key made of them would be one
// "customer" in every app, and merge strangers on one card and count one's work as another's.
/** Addresses that send for many people: no-reply senders, bounce and postmaster mailboxes. */
const SENDS_FOR_MANY =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster)(\+[^@]*)?@/;
/** Ids that stand for "none": 0, n/a, none, null, unknown, a dash. */
const PLACEHOLDER_ID = /^(0+|n\/?a|none|null|undefined|unknown|-+)$/i;

/**
 * Keys under which a record context meets other contexts of the same customer: normalised email,
 * E.164 phone, the app's own customer id, and admin-declared id links.
 */
export function identityKeysOf(context: RecordContext, options: IdentityOptions): string[] {
  const keys: string[] = [];
  const email = normaliseEmail(context.customerEmail);
  if (email && !SENDS_FOR_MANY.test(email)) keys.push(`email:${email}`);
  // A field that lists several numbers keys no one: such lists hold a company's main line beside
  // the person's own ("Main 020 7946 0000, direct 020 7946 0018"), and a shared line would merge
  // coworkers on one card. The card still shows each of them.
  const phones = normalisePhones(context.customerPhone, options.defaultCallingCode);
  if (phones.length === 1) keys.push(`phone:${phones[0]}`);
  if (context.customerId && !PLACEHOLDER_ID.test(context.customerId.trim())) {
    const appId = `${context.app}:${context.customerId}`;
    keys.push(`id:${appId}`);
    for (const group of options.idLinks) {
      if (group.includes(appId)) keys.push(`link:${group[0]}`);
    }
  }
  return keys;
}
