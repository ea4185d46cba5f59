// Salesforce shows one record under two ids: the case-sensitive 15-character id (reports, most CSV
// exports) and the case-insensitive 18-character one (Lightning URLs, the API), which adds three
// characters encoding the case of the first 15 (SOAP API Developer Guide, "Field Types": ID).
// Zod-free: the content script imports it.

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character suffix of a 15-character Salesforce id: for each 5-character chunk, bit i is set
 * when character i is an upper-case A-Z, and the 5-bit number picks a character of A-Z0-5.
 */
function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const char = id15.charAt(chunk + position);
      if (char >= 'A' && char <= 'Z') bits |= 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * A Salesforce id in its 18-character form: a 15-character id gets its suffix, an 18-character one
 * its suffix in upper case (the suffix is case-insensitive; the first 15 characters never change
 * case, they are what tells records apart). An 18-character id whose suffix does not belong to its
 * first 15 characters, and anything that is not a 15- or 18-character alphanumeric id, is returned
 * as it is: no guessing which part is wrong.
 */
export function toSalesforceId18(id: string): string {
  if (!SALESFORCE_ID.test(id)) return id;
  const suffix = suffixOf(id.slice(0, 15));
  if (id.length === 15) return id + suffix;
  return id.slice(15).toUpperCase() === suffix ? id.slice(0, 15) + suffix : id;
}
