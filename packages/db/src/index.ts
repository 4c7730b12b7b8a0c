export * as schema from './schema.ts';
export * from './connection.ts';
export * from './migrate.ts';
export * from './backup.ts';
export { acquireDataDirLock, DataDirLockedError } from './lock-file.ts';
export { FINANCIAL_STATUSES, FULFILLMENT_STATUSES, SHIPMENT_STATUSES, type OrderLine, type OrderShipment } from './schema.ts';
export type { LocalizedText } from './schema-types.ts';
export { RETURN_STATUSES, type AutoApproveRule, type ReturnLine, type ReturnReasonSetting, type ReturnStatus } from './schema-commerce.ts';
export type { SurveyLocale, SurveyText, SurveyTrigger } from './schema-surveys.ts';
