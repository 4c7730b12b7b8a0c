/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas,
 * line breaks and doubled quotes (""). A UTF-8 byte-order mark at the start is dropped.
 */

export interface CsvRecord {
  /** The line of the file on which this record starts (1-based; the header is line 1). */
  line: number;
  fields: string[];
}

/** The file is not CSV at all (an unbalanced quote, text after a closing quote); bad rows are not this. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

/** Parses CSV text into records; blank lines are skipped. Throws CsvSyntaxError naming the line. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '"' && field === '') {
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(openedOn, 'a quoted field is never closed (unbalanced ")');
        const c = input[i]!;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, 'unexpected text after a closing quote (write a quote inside a quoted field as "")');
      }
      // An empty quoted field ("") must still count as a field even though `field` is empty.
      if (next === ',') {
        fields.push(field);
        field = '';
        i++;
        if (i >= input.length) fields.push('');
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
      if (i >= input.length) fields.push('');
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) {
    // A trailing comma already pushed its empty field; do not push the record twice.
    if (fields.length > 0 && input.endsWith(',') && field === '') records.push({ line: recordLine, fields });
    else endRecord();
  }
  return records;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** Spreadsheets run cells starting with these as formulas; a phone number like +81 90… is left alone. */
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s().-]*$)/;

/** One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function formatCsvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record ending in CRLF, as RFC 4180 writes it. */
export const formatCsvRecord = (values: (string | number | boolean | null | undefined)[]) => `${values.map(formatCsvField).join(',')}\r\n`;
