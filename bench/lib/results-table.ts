import type { Measurement } from './types.ts';

export interface TableRow {
  benchmark: string;
  measurement: Measurement;
}

function formatValue(measurement: Measurement): string {
  const { value, unit } = measurement;
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === 'count' ? text : `${text} ${unit}`;
}

/** ✓ within budget, ✗ over it, blank when the measurement has no budget. */
export function judgeMeasurement(measurement: Measurement): '✓' | '✗' | '' {
  const { budget, value } = measurement;
  if (!budget) return '';
  return (budget.kind === 'max' ? value <= budget.limit : value >= budget.limit) ? '✓' : '✗';
}

/** A plain-text table, columns padded to their widest cell. */
export function formatResultsTable(rows: TableRow[]): string {
  const header = ['benchmark', 'metric', 'value', 'budget', ''];
  const cells = rows.map(({ benchmark, measurement }) => [benchmark, measurement.metric, formatValue(measurement), measurement.budget?.text ?? '', judgeMeasurement(measurement)]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const formatRow = (row: string[]) => row.map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [formatRow(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(formatRow)].join('\n');
}
