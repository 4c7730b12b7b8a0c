import type { LifecycleStage } from './lifecycle-stages.ts';
import type { ServiceInvestment } from './service-investment.ts';
import type { TouchpointMap } from './touchpoint-map.ts';

type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space; a text starting with
 * = + - @ or a tab is prefixed with ' so spreadsheets do not run it as a formula (numbers stay numbers).
 */
export function formatCsvValue(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

export function formatCsvLine(values: CsvValue[]): string {
  return `${values.map(formatCsvValue).join(',')}\r\n`;
}

const BOM = '\uFEFF';

/** The map as CSV (UTF-8 with BOM so spreadsheets read it as UTF-8): one line per touchpoint. */
export function formatTouchpointMapCsv(map: TouchpointMap, stageLabel: (stage: LifecycleStage) => string = (stage) => stage): string {
  const lines = [formatCsvLine([
    'stage', 'kind', 'id', 'name', 'events', 'customers', 'csat_n', 'csat_satisfied_rate', 'nps_n', 'nps', 'ces_n', 'ces_average',
    'conversion', 'conversion_numerator', 'conversion_denominator', 'conversion_rate', 'messages_sent', 'messages_responded', 'suppressed', 'suppressions',
  ])];
  for (const row of map.touchpoints) {
    const { csat, nps, ces } = row.satisfaction;
    lines.push(formatCsvLine([
      stageLabel(row.stage), row.kind, row.id, row.name, row.events, row.customers,
      csat?.n ?? 0, csat?.satisfiedRate, nps?.n ?? 0, nps?.score, ces?.n ?? 0, ces?.average,
      row.conversion?.label, row.conversion?.numerator, row.conversion?.denominator, row.conversion?.rate,
      row.messages?.sent, row.messages?.responded, row.suppressed,
      Object.entries(row.suppressions).map(([reason, count]) => `${reason}=${count}`).join('; '),
    ]));
  }
  return BOM + lines.join('');
}

/** The investment panel as CSV: one line per group of each dimension; amounts in the currency's minor unit. */
export function formatServiceInvestmentCsv(investment: ServiceInvestment): string {
  const lines = [formatCsvLine(['dimension', 'group', 'customers', 'repeat_customers', 'repeat_rate', 'valued_customers', 'currency', 'average_lifetime_value_minor', 'median_lifetime_value_minor'])];
  const dimensions = [['service', investment.byService], ['csat', investment.byCsat], ['nps', investment.byNps]] as const;
  for (const [dimension, groups] of dimensions) {
    for (const group of groups) {
      lines.push(formatCsvLine([dimension, group.group, group.customers, group.repeatCustomers, group.repeatRate, group.valuedCustomers, investment.currency, group.averageLifetimeValueMinor, group.medianLifetimeValueMinor]));
    }
  }
  return BOM + lines.join('');
}
