import { CsvSyntaxError, parseCsv } from '@touchpoint/contacts';
import type { TrainingExample } from './classifier.ts';

/**
 * Reads labelled examples from the text of a CSV or JSON file, for `touchpoint bot eval` and intent imports.
 * - CSV: a header row; the text and label columns are chosen by name.
 * - JSON: an array of `[text, label]` pairs, or of objects (the columns name their keys), or an object whose named
 *   keys hold such arrays; CLINC150's `data_full.json:train,oos_train` is the last kind.
 * Every problem is a DatasetError whose message names the file, the line or key, and what is wrong.
 */
export class DatasetError extends Error {}

export interface DatasetColumns {
  text: string;
  label: string;
}

export const DEFAULT_COLUMNS: DatasetColumns = { text: 'text', label: 'label' };

export interface DatasetSpec {
  path: string;
  /** Top-level keys of a JSON object to read and concatenate; empty for a CSV or a JSON array. */
  keys: string[];
}

/** `data.csv`, `data.json`, or `data_full.json:test,oos_test`. */
export function parseDatasetSpec(spec: string): DatasetSpec {
  const match = /^(.*\.json):([^/\\]+)$/i.exec(spec);
  if (!match) return { path: spec, keys: [] };
  const keys = match[2]!.split(',').map((k) => k.trim()).filter(Boolean);
  return { path: match[1]!, keys };
}

export function isJsonPath(path: string) {
  return /\.json$/i.test(path);
}

export function readCsvExamples(name: string, text: string, columns: DatasetColumns = DEFAULT_COLUMNS): TrainingExample[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DatasetError(`${name}: not valid CSV, ${error.message}`);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new DatasetError(`${name}: the file is empty (a header row naming the columns is expected)`);
  const names = header.fields.map((f) => f.trim());
  const textAt = names.indexOf(columns.text);
  const labelAt = names.indexOf(columns.label);
  const missing = [textAt < 0 ? columns.text : null, labelAt < 0 ? columns.label : null].filter(Boolean);
  if (missing.length) throw new DatasetError(`${name}: no column named ${missing.map((m) => `“${m}”`).join(' or ')}; the columns are ${names.map((n) => `“${n}”`).join(', ')} (choose them with --text-column and --label-column)`);
  const examples: TrainingExample[] = [];
  for (const row of rows) {
    const text = row.fields[textAt]?.trim() ?? '';
    const label = row.fields[labelAt]?.trim() ?? '';
    if (!text || !label) throw new DatasetError(`${name}: line ${row.line} has an empty ${!text ? `“${columns.text}”` : `“${columns.label}”`} field`);
    examples.push({ text, label });
  }
  if (examples.length === 0) throw new DatasetError(`${name}: no examples under the header row`);
  return examples;
}

function readJsonArray(where: string, items: unknown, columns: DatasetColumns): TrainingExample[] {
  if (!Array.isArray(items)) throw new DatasetError(`${where}: expected an array of [text, label] pairs or of objects`);
  return items.map((item, i) => {
    let text: unknown;
    let label: unknown;
    if (Array.isArray(item)) [text, label] = item;
    else if (item && typeof item === 'object') {
      text = (item as Record<string, unknown>)[columns.text];
      label = (item as Record<string, unknown>)[columns.label];
    }
    if (typeof text !== 'string' || !text.trim() || typeof label !== 'string' || !label.trim()) {
      throw new DatasetError(`${where}[${i}]: expected [text, label] or an object with string “${columns.text}” and “${columns.label}”`);
    }
    return { text: text.trim(), label: label.trim() };
  });
}

export function readJsonExamples(name: string, text: string, keys: string[], columns: DatasetColumns = DEFAULT_COLUMNS): TrainingExample[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(data)) {
    if (keys.length) throw new DatasetError(`${name}: the file is an array, so it has no keys to choose (drop “:${keys.join(',')}”)`);
    return requireSome(name, readJsonArray(name, data, columns));
  }
  if (!data || typeof data !== 'object') throw new DatasetError(`${name}: expected an array of examples or an object of named arrays`);
  const available = Object.keys(data);
  if (keys.length === 0) throw new DatasetError(`${name}: the file holds several sets (${available.join(', ')}); name them, e.g. ${name}:${available[0] ?? 'train'}`);
  const examples: TrainingExample[] = [];
  for (const key of keys) {
    if (!(key in data)) throw new DatasetError(`${name}: no key “${key}”; the keys are ${available.join(', ')}`);
    examples.push(...readJsonArray(`${name}:${key}`, (data as Record<string, unknown>)[key], columns));
  }
  return requireSome(name, examples);
}

function requireSome(name: string, examples: TrainingExample[]) {
  if (examples.length === 0) throw new DatasetError(`${name}: no examples`);
  return examples;
}
