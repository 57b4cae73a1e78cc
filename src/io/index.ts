export type { CsvEncoding, CsvFileOptions, CsvTextOptions } from "./csvOptions";
export { readResponsesCsvText } from "./parseResponsesCsv";
export { type EventCsvOptions, readEventsCsv } from "./readEventsCsv";
export { readResponsesCsv } from "./readResponsesCsv";
export {
  type CsvGap5Summary,
  SUMMARY_PIECE_ROWS,
  type SummarizeCsvOptions,
  summarizeResponsesCsv,
} from "./summarizeResponsesCsv";
