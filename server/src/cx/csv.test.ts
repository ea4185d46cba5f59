import { describe, expect, it } from 'vitest';
import { parseCsv, separatorOf } from './csv';

const HEADER = ['app', 'record_id', 'metric', 'score', 'scale', 'date'];

describe('parseCsv', () => {
  it('reads a comma file with CRLF line ends and a byte-order mark, each record with its line', () => {
    const text =
      '\uFEFFapp,record_id,metric,score,scale,date\r\nzendesk,42,csat,5,1-5,2026-11-30\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: HEADER },
      { line: 2, fields: ['zendesk', '42', 'csat', '5', '1-5', '2026-11-30'] },
    ]);
  });

  it('reads the semicolons a German or French spreadsheet saves, commas inside fields kept', () => {
    const text =
      'app;record_id;metric;score;scale;date\nsalesforce;"500,1";csat;4;1-5;2026-11-30\n';
    expect(parseCsv(text)[1]!.fields).toEqual([
      'salesforce',
      '500,1',
      'csat',
      '4',
      '1-5',
      '2026-11-30',
    ]);
  });

  it('reads tab-separated text pasted from a spreadsheet', () => {
    expect(parseCsv('app\trecord_id\nzendesk\t42\n')[1]!.fields).toEqual(['zendesk', '42']);
  });

  it('keeps quoted separators, line breaks and doubled quotes, and skips blank lines', () => {
    const text = 'a,b\n\n"x, ""y""","two\nlines"\n\nlast,row\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['x, "y"', 'two\nlines'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field as written', () => {
    expect(parseCsv('a,b\n5" monitor,2\n')[1]!.fields).toEqual(['5" monitor', '2']);
  });

  it('names the line of a quoted field that is never closed', () => {
    expect(() => parseCsv('a,b\n1,2\n"open,3\n')).toThrow(
      /^line \d+: a quoted field is never closed$/,
    );
  });

  it('stops after the records asked for', () => {
    expect(parseCsv('h\n1\n2\n3\n4\n', 3).map((record) => record.fields[0])).toEqual([
      'h',
      '1',
      '2',
    ]);
  });
});

describe('separatorOf', () => {
  it.each([
    ['app,record_id,metric\n', ','],
    ['app;record_id;metric\r\n', ';'],
    ['app\trecord_id\tmetric', '\t'],
    ['app\n', ','],
  ])('reads the header row of %j as separated by %j', (text, separator) => {
    expect(separatorOf(text)).toBe(separator);
  });
});
