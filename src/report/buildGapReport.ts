import { expectShape, shapes } from "../_lib/guards";
import { checkRows } from "../responses/rowSelection";
import type { Dataset, ValidationReport } from "../responses/types";
import type { ReportDocument } from "./document";
import { type GapReportOptions, gapReportResults } from "./gapReportResults";
import { layoutGapReport } from "./layoutGapReport";
import type { GapReport } from "./types";

/**
 * A gap report document from a validated dataset: {@link gapReportResults} (each analysis
 * computed once) laid out by {@link layoutGapReport}. Render it with renderMarkdown or
 * renderJson.
 *
 * @param dataset - From validateResponses or readResponsesCsv.
 * @param validation - The validation report that came with it.
 * @param options - Title, source, level, list lengths, `rows` (the respondents to analyse,
 *   e.g. one region's row indices; the validation section still covers the whole input).
 *
 * @example
 * const { dataset, report } = validateResponses(rows, instruments.servqual22);
 * renderMarkdown(buildGapReport(dataset, report, { title: "Branch survey" }));
 * buildGapReport(dataset, report, { rows: Int32Array.of(0, 1, 2) }).results.selection
 * //=> { respondents: 3, of: dataset.n }
 */
export function buildGapReport(
  dataset: Dataset,
  validation: ValidationReport,
  options: GapReportOptions = {},
): ReportDocument<GapReport> {
  expectShape("buildGapReport", "dataset", dataset, shapes.dataset);
  expectShape("buildGapReport", "validation", validation, shapes.validationReport);
  // The selection is checked here too, so a bad one names this function.
  if (typeof options === "object" && options !== null) {
    checkRows("buildGapReport", options.rows, dataset.n);
  }
  return layoutGapReport(gapReportResults(dataset, validation, options));
}
