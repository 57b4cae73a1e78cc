import type { ExcludedRow, IssueLogSummary } from "../_lib/issueLog";
import type { Issue } from "../_lib/ServqualError";

export type { ExcludedRow } from "../_lib/issueLog";

import type { Facet, Instrument } from "../instrument/types";

/**
 * How missing answers are handled.
 * - `listwise`: a respondent with any missing answer is excluded.
 * - `pairwise`: every statistic uses every respondent who answered what it needs.
 * - `minimum-share` (the default, share 0.5): a respondent's dimension score needs at least that
 *   share of the dimension's items answered, and at least `atLeast` items when given (default 1);
 *   otherwise that dimension score is missing. `{ share: 0.5, atLeast: 2 }` is the index rule
 *   "answered ≥ max(2, ⌈k/2⌉) of k items" (trust and commitment indices): a one-item dimension
 *   is then never scored.
 *
 * One rule, `itemsNeeded`, turns a policy into the items a score needs; every analysis
 * scores respondents through it (see `respondentScores`).
 */
export type MissingPolicy =
  | { readonly kind: "listwise" }
  | { readonly kind: "pairwise" }
  | { readonly kind: "minimum-share"; readonly share: number; readonly atLeast?: number };

/**
 * One item's answers, one value per respondent, NaN = missing. Float32Array when every value of
 * the instrument's scale is exact in single precision (integer or binary-fraction steps, as on
 * Likert scales), which halves memory; Float64Array otherwise.
 */
export type AnswerColumn = Float32Array | Float64Array;

/** Columnar answers of one facet: one column per item (instrument order), NaN = missing. */
export type FacetColumns = readonly AnswerColumn[];

/** A segment column (region, channel, …): one label per respondent, null when blank. */
export interface SegmentColumn {
  readonly name: string;
  readonly values: readonly (string | null)[];
}

/**
 * A numeric covariate (temperature, tenure, visits, …): one value per respondent, NaN when the
 * cell was blank, "not applicable" or not a number (the last with a `bad-covariate` issue).
 * Read with the number grammar of the answers (`parseDecimal`); any finite value is allowed.
 */
export interface CovariateColumn {
  readonly name: string;
  readonly values: Float64Array;
}

/**
 * Which population each respondent belongs to (customers, managers, employees, or a label
 * declared in `options.population.labels`). Every kept respondent has one: a population cell
 * that names no label excludes its row (`unknown-population`), a blank one takes the default
 * (`options.population.default`) or excludes its row (`blank-population`). Gap 1 compares
 * two populations of one dataset (`rowsOfPopulation`) or two datasets, each with its default.
 */
export interface PopulationColumn {
  /** The column the labels were read from, or null when every respondent has the default. */
  readonly column: string | null;
  /** Every label a respondent may carry (built-in first, then declared); `codes` index it. */
  readonly labels: readonly string[];
  /** Per respondent: the index of its population in `labels`. */
  readonly codes: Uint8Array;
}

/**
 * Validated survey answers, column by column. Row r of every array is the same respondent.
 * Reverse-keyed items are already recoded (min + max − x). Importance weights are shares that
 * sum to 1 per respondent (NaN when a respondent gave none or they were rejected).
 */
export interface Dataset {
  readonly instrument: Instrument;
  /** Number of respondents kept. */
  readonly n: number;
  readonly ids: readonly string[];
  /** 1-based data row of each respondent in the input (header not counted). */
  readonly sourceRows: Int32Array;
  readonly facets: Readonly<Partial<Record<Facet, FacetColumns>>>;
  /** Importance weights per dimension (instrument order), or null when none were given. */
  readonly weights: readonly Float64Array[] | null;
  /** Stated importance per item (instrument order), or null when no importance column was given. */
  readonly importance: readonly AnswerColumn[] | null;
  /** Collection time of each respondent in epoch milliseconds (NaN if unknown), or null. */
  readonly dates: Float64Array | null;
  readonly segments: readonly SegmentColumn[];
  /** Numeric covariates, in the order of `options.columns.covariates` (empty when none). */
  readonly covariates: readonly CovariateColumn[];
  /**
   * The population of each respondent, or null when neither a population column
   * (`options.columns.population`) nor a default (`options.population.default`) is given.
   */
  readonly population: PopulationColumn | null;
  readonly missingPolicy: MissingPolicy;
}

/** How the input's columns were understood. */
export interface ColumnSummary {
  /** Columns read as answers, weights, id, date, segments, covariates or population. */
  readonly used: readonly string[];
  /** Columns present in the input but not used. */
  readonly ignored: readonly string[];
  /** Answer columns the instrument expects that the input lacks. */
  readonly absent: readonly string[];
}

/**
 * Everything validation found. `rowsIn = rowsUsed + rowsExcluded` always holds. Cell-level
 * issues are counted in full in `issueCounts`; the first `issueLimit` are listed in `issues`.
 * Excluded rows are counted in full in `rowsExcluded`; the first `excludedLimit` are listed in
 * `excludedRows`, so memory stays bounded however many rows are unusable.
 */
export interface ValidationReport extends IssueLogSummary {
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsExcluded: number;
  /** Excluded rows by reason code (`duplicate-id`, `no-answers`, …), counted for every row. */
  readonly exclusionCounts: Readonly<Record<string, number>>;
  /** The excluded rows in input order, each with its reasons (at most `excludedLimit`). */
  readonly excludedRows: readonly ExcludedRow[];
  /** True when more rows were excluded than `excludedRows` lists (`rowsExcluded` is complete). */
  readonly excludedRowsTruncated: boolean;
  /**
   * Lines of a CSV input that could not be read as a row of the table: a row with more or
   * fewer cells than the header, a quote that is never closed or that runs over line breaks
   * into a row of the wrong size, a line too long to read. Each is an excluded row named by its
   * line (and, for quote and length problems, a coded issue); reading goes on at the next line.
   * Always 0 for input that is not CSV text. The `servqual` command exits 1 when it is not 0.
   */
  readonly unreadableLines: number;
  /** Rejected cells and warnings, in input order (at most `issueLimit`). */
  readonly issues: readonly Issue[];
  readonly issueCounts: Readonly<Record<string, number>>;
  readonly issuesTruncated: boolean;
  /** Answers marked "not applicable" (kept as missing by design), in used rows only. */
  readonly notApplicable: number;
  /** Answers left blank, in used rows only (an excluded row's cells are not counted). */
  readonly blank: number;
  readonly columns: ColumnSummary;
  readonly missingPolicy: MissingPolicy;
  /** Importance-point rows rescaled to 100 (only with `weights.onMismatch: "rescale"`). */
  readonly weightsRescaled: number;
}

/** What `validateResponses` returns. */
export interface ValidatedResponses {
  readonly dataset: Dataset;
  readonly report: ValidationReport;
}
