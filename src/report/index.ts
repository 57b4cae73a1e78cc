export { buildGapReport, type GapReportOptions } from "./buildGapReport";
export { renderJson } from "./renderJson";
export { renderMarkdown } from "./renderMarkdown";
export type { GapReport, ReportValidation, WorstItem } from "./types";
