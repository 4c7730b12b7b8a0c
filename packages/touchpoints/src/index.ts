export * from './lifecycle-stages.ts';
export * from './touchpoint-directory.ts';
export type { DateRange } from './report-period.ts';
export * from './touchpoint-map.ts';
export * from './customer-journey.ts';
export * from './service-investment.ts';
export * from './touchpoint-csv.ts';
