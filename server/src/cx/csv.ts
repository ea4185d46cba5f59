// RFC 4180 CSV for CX imports (issue #7): quoted fields, "" inside quotes, CRLF or LF line
// ends. Records keep the line they start on, for row-level error messages. Spreadsheets in
// German, French or Italian save "CSV" with semicolons, since the comma is their decimal mark,
// and text pasted from one is tab-separated; the header row, whose columns are fixed, tells
// which separator a file uses. Hand-written rather than csv-parse: measured on the collector's
// worst cases (README, "Dependencies, and why each is here"), csv-parse blocked the event loop 90 times as long.

export type CsvRecord = { line: number; fields: string[] };

const SEPARATORS = [',', ';', '\t'] as const;

/** The separator the header row (the first line) holds most of: a comma unless another wins. */
export function separatorOf(text: string): (typeof SEPARATORS)[number] {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (separator: string) => header.split(separator).length - 1;
  return SEPARATORS.reduce((best, separator) =>
    count(separator) > count(best) ? separator : best,
  );
}

/**
 * Parses `text` into records, stopping once it holds `limit` of them (what follows is not read);
 * throws on an unclosed quote, naming its line.
 */
export function parseCsv(text: string, limit = Infinity): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheet exports
  const separator = separatorOf(text.slice(i));
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length && records.length < limit; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += char;
  }
  if (records.length >= limit) return records;
  if (quoted) throw new Error(`line ${start}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
