export type { CsvEncoding, CsvFileOptions, CsvTextOptions } from "./csvOptions";
export { readResponsesCsvText } from "./parseResponsesCsv";
export { readFactorSurveyCsv } from "./readFactorSurveyCsv";
export {
  type ManagementSurveyCsvOptions,
  readManagementSurveyCsv,
} from "./readManagementSurveyCsv";
export { readResponsesCsv } from "./readResponsesCsv";
export {
  type CsvGap5Summary,
  SUMMARY_PIECE_ROWS,
  type SummarizeCsvOptions,
  summarizeResponsesCsv,
} from "./summarizeResponsesCsv";
