import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import { countByCode, type Notice, notice } from "../_lib/notice";
import { gap5 } from "../gaps/gap5";
import { importancePerformance } from "../gaps/importancePerformance";
import { servperf } from "../gaps/servperf";
import { zonesOfTolerance } from "../gaps/zonesOfTolerance";
import { checkRows } from "../responses/rowSelection";
import type { Dataset, ValidationReport } from "../responses/types";
import { type SectionedResults, sectionWarnings } from "./sectionWarnings";
import { servperfOfGap5 } from "./servperfOfGap5";
import type { GapReport, WorstItem } from "./types";

/** Options of {@link gapReportResults} and {@link buildGapReport}. */
export interface GapReportOptions {
  readonly title?: string;
  /** Where the data came from (a file name), shown in the report. */
  readonly source?: string;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** How many worst items to list (default 5). */
  readonly worstItems?: number;
  /** How many excluded rows and issues to list in full (default 50; all are counted). */
  readonly listLimit?: number;
  /**
   * A selection of respondents (row indices of the dataset, as every Dataset analysis takes):
   * every analysis of the report uses only these; the validation section still describes the
   * whole input. Default: every respondent.
   */
  readonly rows?: Int32Array;
}

const REPORT_OPTIONS = optionNames<GapReportOptions>({
  title: true,
  source: true,
  level: true,
  worstItems: true,
  listLimit: true,
  rows: true,
});

/**
 * Computes what a gap report shows, each analysis once: Gap 5 (or the zones of tolerance for
 * three-column data), the SERVPERF score, the importance–performance analysis when the data
 * carry importance (placed on the Gap 5 or SERVPERF result already computed), the worst items,
 * and the validation summary (rows in = used + excluded, and why). With `rows`, every analysis
 * uses only the selected respondents (a row listed twice counts twice) and `selection` says
 * how many; the validation summary still covers the whole input. Plain data; lay it out with
 * {@link layoutGapReport} (or do both with buildGapReport).
 *
 * @param dataset - From validateResponses or readResponsesCsv.
 * @param validation - The validation report that came with it.
 * @param options - Title, source, level, list lengths, `rows` (a selection of respondents).
 *
 * @example
 * const { dataset, report } = validateResponses(rows, instruments.servqual22);
 * gapReportResults(dataset, report).gap5?.overall.unweighted.gap.mean //=> -1.2
 */
export function gapReportResults(
  dataset: Dataset,
  validation: ValidationReport,
  options: GapReportOptions = {},
): GapReport {
  expectShape("gapReportResults", "dataset", dataset, shapes.dataset);
  expectShape("gapReportResults", "validation", validation, shapes.validationReport);
  checkOptionKeys("gapReportResults", options, REPORT_OPTIONS);
  const level = options.level ?? 0.95;
  const listLimit = options.listLimit ?? 50;
  const rows = checkRows("gapReportResults", options.rows, dataset.n);
  const selection = rows === null ? {} : { rows };
  const { instrument } = dataset;
  const gap =
    instrument.format === "expectation-perception" ? gap5(dataset, { level, ...selection }) : null;
  const zones =
    instrument.format === "tolerance" ? zonesOfTolerance(dataset, { level, ...selection }) : null;
  // SERVPERF is Gap 5's perception side when every perception has its expectation (no second
  // pass over the answers); otherwise it is computed on its own.
  const performance =
    (gap === null ? null : servperfOfGap5(dataset, gap, rows)) ??
    servperf(dataset, { level, ...selection });
  // importancePerformance reuses the Gap 5 or SERVPERF result computed above (on the same rows).
  const ipa =
    dataset.weights !== null || dataset.importance !== null
      ? importancePerformance(
          dataset,
          gap !== null
            ? { performance: "gap", gaps: gap, ...selection }
            : { servperf: performance, ...selection },
        )
      : null;
  const itemGaps = gap?.items ?? zones?.msa.items ?? [];
  const worstItems: WorstItem[] = itemGaps
    .filter((item) => item.gap.mean !== null)
    .map((item) => ({
      item: item.item,
      label: item.label,
      dimension: item.dimension,
      gap: item.gap.mean as number,
      shareNegative: item.shareNegative,
    }))
    .sort((a, b) => a.gap - b.gap || a.item.localeCompare(b.item))
    .slice(0, options.worstItems ?? 5);
  const warnings: Notice[] = [];
  const respondents = rows === null ? validation.rowsUsed : rows.length;
  if (respondents < 30) {
    warnings.push(
      notice(
        "few-respondents",
        `only ${respondents} respondents${rows === null ? "" : " selected"}: estimates are imprecise (30 or more recommended)`,
      ),
    );
  }
  if (validation.issuesTruncated) {
    warnings.push(
      notice("list-truncated", "more issues were found than are listed; the counts are complete"),
    );
  }
  if (validation.excludedRowsTruncated) {
    warnings.push(
      notice(
        "list-truncated",
        `${validation.rowsExcluded} rows were excluded but only ${validation.excludedRows.length} are listed (excludedLimit); the reasons are counted for every row`,
      ),
    );
  }
  // Every warning the report shows, counted by code (a program reads these, not the text).
  const warningCounts = countByCode(reportWarnings({ warnings, gap5: gap, zones }));
  return {
    kind: "servqual-gap-report",
    version: 1,
    title: options.title ?? `${instrument.name}: service-quality gap report`,
    source: options.source ?? null,
    instrument: {
      id: instrument.id,
      name: instrument.name,
      format: instrument.format,
      citation: instrument.citation,
    },
    validation: {
      rowsIn: validation.rowsIn,
      rowsUsed: validation.rowsUsed,
      rowsExcluded: validation.rowsExcluded,
      missingPolicy: validation.missingPolicy,
      exclusionReasons: { ...validation.exclusionCounts },
      excludedRows: validation.excludedRows.slice(0, listLimit),
      issueCounts: validation.issueCounts,
      issues: validation.issues.slice(0, listLimit),
      notApplicable: validation.notApplicable,
      blank: validation.blank,
      ignoredColumns: validation.columns.ignored,
      absentColumns: validation.columns.absent,
    },
    selection: rows === null ? null : { respondents: rows.length, of: dataset.n },
    gap5: gap,
    zones,
    servperf: performance,
    importancePerformance: ipa,
    worstItems,
    warnings,
    warningCounts,
  };
}

/**
 * Every warning a gap report shows, in the order of its Warnings section: the report's own,
 * then the weighted score's, the zones' and each reliability entry's, then those of the
 * further sections present (context, relationship, provider gaps, recovery, comments, trust;
 * see sectionWarnings).
 *
 * @example
 * reportWarnings(results).map((w) => w.code) //=> ["few-respondents", "mean-weights", …]
 */
export function reportWarnings(
  results: Pick<GapReport, "warnings" | "gap5" | "zones"> & SectionedResults,
): readonly Notice[] {
  const gap = results.gap5;
  return [
    ...results.warnings,
    ...(gap?.overall.weighted?.perRespondent.warnings ?? []),
    ...(results.zones?.warnings ?? []),
    ...(gap?.reliability ?? []).flatMap((entry) => entry.warnings),
    ...sectionWarnings(results),
  ];
}
