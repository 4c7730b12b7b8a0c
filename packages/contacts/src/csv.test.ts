import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvField, formatCsvRecord, parseCsv } from './csv.ts';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain fields and records on LF and CRLF alike', () => {
    expect(fieldsOf('a,b,c\n1,2,3\r\n4,5,6')).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(fieldsOf('name,note\r\n"Tanaka, Yui","said ""hi""\r\nthen left"\r\n')).toEqual([['name', 'note'], ['Tanaka, Yui', 'said "hi"\r\nthen left']]);
  });

  it('drops a UTF-8 byte-order mark and reads Japanese and Chinese text unchanged', () => {
    expect(fieldsOf('\uFEFFname,email\n田中 結衣,yui@example.jp\n王小明,"xiaoming@example.cn"\n')).toEqual([['name', 'email'], ['田中 結衣', 'yui@example.jp'], ['王小明', 'xiaoming@example.cn']]);
  });

  it('keeps empty fields, including trailing and quoted empty ones', () => {
    expect(fieldsOf('a,,c,\n"",x,""')).toEqual([['a', '', 'c', ''], ['', 'x', '']]);
  });

  it('skips blank lines and reports the line each record starts on', () => {
    expect(parseCsv('h\n\n"two\nlines"\nlast').map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('rejects an unbalanced quote, naming the line where the field opened', () => {
    expect(() => parseCsv('name,email\nok,a@b.c\n"broken,x@y.z\nmore')).toThrow(CsvSyntaxError);
    try {
      parseCsv('name,email\nok,a@b.c\n"broken,x@y.z\nmore');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('a\n"x"y')).toThrow(/line 2/);
  });
});

describe('formatCsvField', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling inner quotes', () => {
    expect(formatCsvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad', null, 3, true])).toBe('plain,"a,b","say ""hi""","two\nlines"," pad",,3,true\r\n');
  });

  it('defuses spreadsheet formulas but leaves phone numbers alone', () => {
    expect(formatCsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(formatCsvField('@SUM(1)')).toBe("'@SUM(1)");
    expect(formatCsvField('+81 90-1234-5678')).toBe('+81 90-1234-5678');
    expect(formatCsvField('-5')).toBe('-5');
  });

  it('round-trips through parseCsv, CJK included', () => {
    const rows = [['名前', 'メモ'], ['李 "小龙"', '第一行\r\n第二行, 逗号']];
    expect(fieldsOf(rows.map(formatCsvRecord).join(''))).toEqual(rows);
  });
});
