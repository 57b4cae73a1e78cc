/**
 * The codes zod's issue codes are translated into (`ZOD_ISSUE_CODES` in `zodIssues.ts`):
 * an option or instrument that fails its schema gives one of these.
 */
export type ZodIssueCode =
  | "invalid-type"
  | "too-small"
  | "too-large"
  | "invalid-format"
  | "off-step"
  | "unknown-option"
  | "no-matching-form"
  | "invalid-key"
  | "invalid-element"
  | "not-allowed"
  | "invalid-value";

/**
 * The codes of validation issues (`Issue.code`, in `report.issues` and `ServqualError.issues`):
 * every code the library emits, each explained in docs/codes.md ("Validation issues"; a test
 * keeps the two in step). Zod's translated codes ({@link ZodIssueCode}) are members too.
 *
 * @example
 * const code: IssueCode = "out-of-range";
 */
export type IssueCode =
  | ZodIssueCode
  // Arguments and options
  | "invalid-argument"
  | "invalid-option"
  | "unrecognized-key"
  | "conflicting-options"
  | "invalid-count"
  | "invalid-threads"
  | "invalid-delimiter"
  | "invalid-encoding"
  | "unsupported-value"
  // Instruments
  | "duplicate-dimension"
  | "duplicate-item"
  | "scale-range"
  | "scale-step"
  | "scale-label"
  | "not-applicable-on-scale"
  // Shapes of inputs
  | "empty-input"
  | "not-an-array"
  | "not-an-object"
  | "not-a-row"
  | "not-a-column"
  | "not-a-string"
  | "not-an-integer"
  | "not-finite"
  | "length-mismatch"
  | "hole-in-row"
  | "hole-in-column"
  | "not-square"
  | "not-symmetric"
  | "invalid-group"
  | "duplicate-group"
  | "too-few-groups"
  | "unknown-value"
  | "off-grid"
  | "step-mismatch"
  | "range-overflow"
  | "result-mismatch"
  // Files
  | "file-not-found"
  | "file-not-readable"
  | "not-a-file"
  | "not-json"
  | "bad-sql-result"
  | "csv-syntax"
  | "malformed-quote"
  | "unterminated-quote"
  | "ragged-row"
  | "replacement-character"
  | "parallel-read-failed"
  // Columns
  | "no-known-columns"
  | "absent-facet"
  | "absent-columns"
  | "absent-weight-columns"
  | "missing-facet"
  | "missing-importance"
  | "missing-segment-column"
  | "missing-covariate-column"
  | "missing-population-column"
  | "missing-long-column"
  | "duplicate-column"
  | "unsafe-column"
  | "column-role-conflict"
  // Cells
  | "not-a-number"
  | "out-of-range"
  | "off-scale-step"
  | "cell-too-long"
  | "bad-weight"
  | "blank-weight"
  | "no-points"
  | "weights-sum"
  | "weights-rescaled"
  | "bad-date"
  | "bad-id"
  | "missing-id"
  | "bad-label"
  | "formula-like-label"
  | "markup-in-label"
  | "bad-covariate"
  // Populations
  | "bad-population-label"
  | "duplicate-population-label"
  | "too-many-population-labels"
  | "unknown-population"
  | "blank-population"
  // Long rows
  | "unknown-item"
  | "unknown-dimension"
  | "unknown-facet"
  | "duplicate-answer"
  | "conflicting-value"
  // No usable rows
  | "rows-excluded"
  | "row-excluded"
  // Operational records (standards, delivery records, promises)
  | "invalid-standard"
  | "invalid-promise"
  | "missing-dimension"
  | "missing-target"
  | "missing-unit"
  | "missing-direction"
  | "missing-metric"
  | "unknown-unit"
  | "duplicate-id"
  | "missing-timestamp"
  | "unparseable-timestamp"
  | "before-creation"
  | "future-timestamp"
  | "unknown-attribute"
  | "unknown-time-zone"
  | "missing-period"
  | "invalid-period";
