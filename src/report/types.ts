import type { Notice } from "../_lib/notice";
import type { CommentThemesResult } from "../context/comments/commentThemes";
import type { ServiceRecoveryResult } from "../context/recovery/serviceRecovery";
import type { Gap5Result } from "../gaps/gap5";
import type { ImportancePerformanceResult } from "../gaps/importancePerformance";
import type { ServperfResult } from "../gaps/servperf";
import type { ZonesOfToleranceResult } from "../gaps/zonesOfTolerance";
import type { MissingPolicy } from "../responses/types";
import type { ContextResults } from "./contextSections";
import type { FiveGapReport } from "./fiveGapSections";
import type { RelationshipReport } from "./relationshipSection";
import type { TrustReport } from "./trustSection";

/** One of the worst items: the largest shortfalls first. */
export interface WorstItem {
  readonly item: string;
  readonly label: string;
  readonly dimension: string;
  readonly gap: number;
  readonly shareNegative: number | null;
}

/** What validation did, as a report shows it. */
export interface ReportValidation {
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsExcluded: number;
  readonly missingPolicy: MissingPolicy;
  /** Why rows were excluded: reason code (`duplicate-id`, `no-answers`, …) → number of rows. */
  readonly exclusionReasons: Readonly<Record<string, number>>;
  /** The excluded rows (at most `listLimit`), with row, id and reasons. */
  readonly excludedRows: readonly {
    readonly row: number;
    readonly line?: number;
    readonly id: string | null;
    readonly reasons: readonly Notice[];
  }[];
  /** Issue code → count (rejected answers, warnings). */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** The first issues in input order (at most `listLimit`). */
  readonly issues: readonly {
    readonly code: string;
    readonly message: string;
    readonly row?: number;
    readonly line?: number;
    readonly column?: string;
  }[];
  /** "Not applicable" answers in the rows used. */
  readonly notApplicable: number;
  /** Blank answers in the rows used. */
  readonly blank: number;
  readonly ignoredColumns: readonly string[];
  readonly absentColumns: readonly string[];
}

/**
 * The results of a gap report as plain data (from gapReportResults): everything the gap
 * report layout shows, nothing that depends on when or where it was made, so the same input
 * gives byte-identical JSON. Analyses not computed are null.
 */
export interface GapReport {
  readonly kind: "servqual-gap-report";
  readonly version: 1;
  readonly title: string;
  readonly source: string | null;
  readonly instrument: {
    readonly id: string;
    readonly name: string;
    readonly format: string;
    readonly citation: string;
  };
  readonly validation: ReportValidation;
  /**
   * The respondents the analyses use when the report was made for a selection (option
   * `rows`): how many are selected of the dataset's respondents; null for every respondent.
   * `validation` always describes the whole input.
   */
  readonly selection: { readonly respondents: number; readonly of: number } | null;
  readonly gap5: Gap5Result | null;
  readonly zones: ZonesOfToleranceResult | null;
  readonly servperf: ServperfResult | null;
  readonly importancePerformance: ImportancePerformanceResult | null;
  readonly worstItems: readonly WorstItem[];
  /**
   * Period and segment results to show (byPeriod, seasonalProfile, compareSegments), each in a
   * section of its own; absent or null: none.
   */
  readonly context?: ContextResults | null;
  /**
   * Relationship stages of the customers, when CRM events were analysed (stageTimeline,
   * stageTransitions, dissolutionWarnings): the layout adds a "Relationship stages" section.
   */
  readonly relationship?: RelationshipReport | null;
  /** Service recovery from complaint records (serviceRecovery): a "Service recovery" section. */
  readonly recovery?: ServiceRecoveryResult | null;
  /** Comments tagged to dimensions (commentThemes): a "What customers said" section. */
  readonly comments?: CommentThemesResult | null;
  /**
   * Gaps 1–4 and the five-gap diagnosis, when the inputs of the provider gaps were given
   * (fiveGapModel and the gap1–gap4 results it joined): the layout adds the five-gap overview,
   * a section per provider gap, the diagnosis, the contributing factors and the inputs read.
   */
  readonly fiveGap?: FiveGapReport | null;
  /**
   * Trust, commitment and relationship quality (relationshipQuality with stages, gap5ByStage):
   * the layout adds a "Trust and commitment" section.
   */
  readonly trust?: TrustReport | null;
  readonly warnings: readonly Notice[];
  /**
   * Every warning of the report by code: its own, and those of Gap 5 (statistics, weighted
   * overall, reliability) and the zones of tolerance; layoutGapReport counts again with the
   * further sections present (context, relationship, provider gaps, recovery, comments, trust),
   * so a document's `results.warningCounts` covers every warning it lists.
   */
  readonly warningCounts: Readonly<Record<string, number>>;
}
