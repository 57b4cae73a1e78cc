export { buildGapReport } from "./buildGapReport";
export type {
  Cell,
  CellKind,
  CountCell,
  IntervalCell,
  LabelCell,
  NumberCell,
  PercentCell,
  PValueCell,
} from "./cells";
export type { ChartChannel, ChartRange, ChartSpec, ChartValue } from "./chart";
export type { ContextResults } from "./contextSections";
export type {
  Block,
  ListBlock,
  NoteBlock,
  ParagraphBlock,
  ReportDocument,
  Section,
  TableBlock,
  TableColumn,
} from "./document";
export type { FiveGapInputSummary, FiveGapReport } from "./fiveGapSections";
export { apaTTest, formatCellApa } from "./formatApa";
export { formatCell } from "./formatCell";
export { type GapReportOptions, gapReportResults } from "./gapReportResults";
export { layoutGapReport } from "./layoutGapReport";
export type { JsonValue, ReportProvenance } from "./provenance";
export type { EventInputSummary, RelationshipReport } from "./relationshipSection";
export { CSV_COLUMNS, renderCsv } from "./renderCsv";
export { HTML_CSP, type RenderHtmlOptions, renderHtml } from "./renderHtml";
export { type RenderJsonOptions, renderJson } from "./renderJson";
export { renderMarkdown } from "./renderMarkdown";
export { toVegaLite, type VegaLiteSpec } from "./toVegaLite";
export type { TrustReport } from "./trustSection";
export type { TrustSurveyExcludedRow, TrustSurveyInput, TrustSurveyIssue } from "./trustSurvey";
export type { GapReport, ReportValidation, WorstItem } from "./types";
export { type DocumentVisitor, walkDocument } from "./walkDocument";
