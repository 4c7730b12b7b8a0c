import { IMPORT_COLUMNS } from '../../api/contact-endpoints.ts';

export interface CsvPreview {
  headers: string[];
  /** The first records after the header, for a look before importing (the server parses the whole file). */
  rows: string[][];
}

/**
 * Reads the header and the first `limit` records of an RFC 4180 file: quoted fields may hold commas, `""` and line
 * breaks; CRLF or LF; a UTF-8 byte-order mark is dropped. Reading stops early, so a big file costs only its head.
 */
export function previewCsv(text: string, limit = 5): CsvPreview {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
  };
  while (index < text.length && records.length <= limit) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      endRecord();
      index += 1;
    } else if (char === '\n' || char === '\r') endRecord();
    else field += char;
    index += 1;
  }
  if (records.length <= limit && (field !== '' || record.length > 0)) endRecord();
  const [headers = [], ...rows] = records;
  return { headers: headers.map((header) => header.trim()), rows: rows.slice(0, limit) };
}

/** The column a header is imported as when no mapping is given (the server's rule: known names, any case). */
export function guessColumn(header: string): string {
  const name = header.trim().toLowerCase();
  if ((IMPORT_COLUMNS as readonly string[]).includes(name)) return name;
  if (name.startsWith('attr.') && name.length > 5) return `attr.${header.trim().slice(5)}`;
  return 'ignore';
}

/** Only the headers whose column differs from the server's own reading are sent as `mapping`. */
export function buildMapping(headers: string[], columns: Record<string, string>): Record<string, string> | undefined {
  const entries = headers.filter((header) => columns[header] !== undefined && columns[header] !== guessColumn(header)).map((header) => [header, columns[header]!]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
