/**
 * The project's kebab-case codes for warnings and reasons a row was excluded. Each is
 * explained in docs/codes.md (one table for every code; a test keeps the two in step).
 */
export type NoticeCode =
  // Data too small or too flat for a statistic
  | "no-data"
  | "too-few-values"
  | "zero-variance"
  | "groups-dropped"
  | "rows-left-out"
  // Bootstrap
  | "non-finite-statistic"
  | "non-finite-replicates"
  | "bca-undefined"
  | "constant-jackknife"
  // Reliability and validity
  | "not-computable"
  | "constant-item"
  | "constant-items-dropped"
  | "observed-recoding"
  | "not-positive-definite"
  | "negative-item-total"
  | "opposite-loading"
  | "negative-alpha"
  | "negative-variance-estimate"
  | "smc-clamped"
  | "two-items"
  | "too-few-pairs"
  | "single-indicator"
  | "negative-loading"
  | "heywood-case"
  | "undefined-statistic"
  | "minres-not-converged"
  | "negative-reliability-input"
  | "low-reliability"
  | "undefined-correlation"
  | "single-item-construct"
  | "negative-correlation"
  | "htmt-above-threshold"
  | "fornell-larcker-fails"
  // Gaps
  | "single-item-dimension"
  | "low-alpha"
  | "alpha-out-of-range"
  | "gap-less-reliable"
  | "unscored-respondents"
  | "mean-weights"
  | "partly-scored-respondents"
  | "inverted-zone"
  | "single-manager"
  // Periods and segments
  | "small-cell"
  | "undated"
  | "outside-window"
  | "date-only-in-zone"
  | "too-few-periods"
  // Reports
  | "few-respondents"
  | "list-truncated"
  // Why a row was excluded
  | "wrong-cell-count"
  | "malformed-quote"
  | "unterminated-quote"
  | "cell-too-long"
  | "blank-id"
  | "unreadable-id"
  | "duplicate-id"
  | "rejected-answers"
  | "no-answers"
  | "incomplete-listwise"
  | "too-few-items"
  | "no-complete-item"
  | "unknown-population"
  | "blank-population"
  | "unmatched-respondent"
  // Why an operational record (standard, delivery record, promise) was excluded
  | "not-an-object"
  | "invalid-standard"
  | "invalid-promise"
  | "missing-id"
  | "missing-dimension"
  | "not-a-number"
  | "out-of-range"
  | "bad-date"
  | "missing-target"
  | "missing-unit"
  | "missing-direction"
  | "missing-metric"
  | "unknown-unit"
  | "missing-timestamp"
  | "unparseable-timestamp"
  | "before-creation"
  | "future-timestamp"
  | "unknown-attribute"
  | "unknown-time-zone"
  | "missing-period"
  | "other-region"
  | "invalid-period"
  // Gaps 2–4
  | "records-without-standard"
  | "unused-region-holidays"
  | "not-measured"
  | "pending-records"
  | "open-misses"
  | "no-customer-expectation"
  | "no-importance-points"
  | "not-comparable"
  | "no-records-in-force"
  // Event windows and allocation priorities
  | "invalid-window"
  | "unknown-window-type"
  | "inverted-window"
  | "overlapping-windows"
  | "unknown-region"
  | "no-delivery-records"
  // Why an event was excluded (also not-an-object, future-timestamp above)
  | "missing-event-id"
  | "missing-customer"
  | "duplicate-event"
  | "unknown-event-type"
  | "bad-timestamp"
  // Relationship features and stages
  | "no-customers"
  | "too-few-purchases"
  | "no-earlier-value"
  | "unknown-wallet"
  | "empty-transition-row"
  // Gap 5 by relationship stage
  | "respondent-without-events"
  // Complaints and comments (service recovery, what customers said)
  | "invalid-complaint"
  | "unknown-channel"
  | "escalation-out-of-order"
  | "not-yes-no"
  | "missing-comment"
  | "invalid-comment"
  | "replacement-character"
  | "control-character"
  | "no-complaints"
  | "separation"
  | "no-comments"
  // Trust, commitment and relationship quality
  | "unknown-customer"
  | "no-evidence"
  | "no-stage"
  | "outside-timeline"
  | "no-events"
  | "repeated-customer";

/**
 * A coded sentence: a warning of an analysis (why a value is null or to be read with care) or
 * a reason a row was excluded. `code` is stable and meant for programs (count, filter,
 * translate); `message` is for people and may change wording.
 *
 * @example
 * const w: Notice = { code: "low-alpha", message: "perception alpha of D1 is 0.61, below 0.7" };
 */
export interface Notice {
  readonly code: NoticeCode;
  readonly message: string;
  /**
   * Present on a warning that repeats with one subject (a window's suppressed figures in each
   * region): a report lists such warnings as one line per code and subject.
   */
  readonly group?: NoticeGroup;
}

/** How a repeated warning is grouped in a report's Warnings list. */
export interface NoticeGroup {
  /** What the warnings share, e.g. `window storm-2024-10`. */
  readonly subject: string;
  /** The shared reason, e.g. `figures suppressed (fewer than 10 respondents on a side)`. */
  readonly reason: string;
  /** The instance counted, e.g. the region `North` (a line reads `North × 6 figures`). */
  readonly member: string;
  /** What one warning counts, singular (e.g. `figure`). */
  readonly unit: string;
}

/**
 * A {@link Notice} from its code and sentence.
 *
 * @example
 * notice("zero-variance", "all values are equal: the test is undefined")
 * //=> { code: "zero-variance", message: "all values are equal: the test is undefined" }
 */
export function notice(code: NoticeCode, message: string): Notice {
  return { code, message };
}

/**
 * The same notice with a prefix naming what it is about (`"item q1: " + message`), so a
 * result that gathers the warnings of its parts keeps their codes.
 *
 * @example
 * about("item q1", notice("no-data", "no respondent answered")).message //=> "item q1: no respondent answered"
 */
export function about(prefix: string, item: Notice): Notice {
  return { code: item.code, message: `${prefix}: ${item.message}` };
}

/**
 * Counts notices by code.
 *
 * @example
 * countByCode([notice("no-data", "a"), notice("no-data", "b")]) //=> { "no-data": 2 }
 */
export function countByCode(notices: readonly Notice[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of notices) counts[item.code] = (counts[item.code] ?? 0) + 1;
  return counts;
}
