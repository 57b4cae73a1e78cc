export type { CsvEncoding, CsvFileOptions, CsvTextOptions } from "./csvOptions";
export { readResponsesCsvText } from "./parseResponsesCsv";
export { readResponsesCsv } from "./readResponsesCsv";
export { type ReportProvenanceInput, reportProvenance } from "./reportProvenance";
export {
  type CsvGap5Summary,
  SUMMARY_PIECE_ROWS,
  type SummarizeCsvOptions,
  summarizeResponsesCsv,
} from "./summarizeResponsesCsv";
