export type { CsvEncoding, CsvFileOptions, CsvTextOptions } from "./csvOptions";
export type { CsvProgress } from "./csvProgress";
export { readResponsesCsvText } from "./parseResponsesCsv";
export { type DeliveryCsvOptions, readDeliveryRecordsCsv } from "./readDeliveryRecordsCsv";
export { readEventCalendarCsv } from "./readEventCalendarCsv";
export { type EventCsvOptions, readEventsCsv } from "./readEventsCsv";
export { readFactorSurveyCsv } from "./readFactorSurveyCsv";
export {
  type Holiday,
  type HolidaySet,
  type HolidaysCsvOptions,
  readHolidaysCsv,
} from "./readHolidaysCsv";
export {
  type ManagementSurveyCsvOptions,
  readManagementSurveyCsv,
} from "./readManagementSurveyCsv";
export { readPromisesCsv } from "./readPromisesCsv";
export { readResponsesCsv } from "./readResponsesCsv";
export { readStandardsCsv, type StandardsCsvOptions } from "./readStandardsCsv";
export { type ReportProvenanceInput, reportProvenance } from "./reportProvenance";
export {
  type CsvGap5Summary,
  SUMMARY_PIECE_ROWS,
  type SummarizeCsvOptions,
  summarizeResponsesCsv,
} from "./summarizeResponsesCsv";
