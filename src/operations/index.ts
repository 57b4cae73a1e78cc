export { businessHoursBetween } from "./businessHoursBetween";
export type { BusinessHours, CalendarOptions, Period, ResolvedCalendar, Weekday } from "./calendar";
export type { DeliveryColumns } from "./deliveryColumns";
export {
  type DeliveryRecord,
  type DeliveryRecordInput,
  type DeliverySet,
  type DeliveryValidationOptions,
  validateDeliveryRecords,
} from "./deliveryRecords";
export type { DeliveryMetric, Direction, RecordPlace, RecordReport, TimeUnit } from "./fields";
export {
  type PromiseSet,
  type ServicePromise,
  type ServicePromiseInput,
  validatePromises,
} from "./promises";
export {
  type RecordValidationOptions,
  type ServiceStandard,
  type ServiceStandardInput,
  type StandardSet,
  validateStandards,
} from "./standards";
