export type { CsvEncoding, CsvFileOptions, CsvTextOptions } from "./csvOptions";
export { readResponsesCsvText } from "./parseResponsesCsv";
export { readResponsesCsv } from "./readResponsesCsv";
