import { expectKind } from "../_lib/guards";
import type { Gap5Options, Gap5Result } from "../gaps/gap5";
import { finishGap5, type Gap5Accumulator } from "../gaps/gap5Accumulator";
import type { Instrument } from "../instrument/types";
import { type GapSqlOptions, gapSqlPlan } from "./gapSql";
import { readGapSqlRows, type SqlResultRow, type SqlValidationCounts } from "./readGapSqlRows";

/** Options of {@link finishGapSql}: those given to `gapSql`, plus gap5's finishing options. */
export interface FinishGapSqlOptions
  extends GapSqlOptions,
    Pick<Gap5Options, "level" | "pAdjust" | "dropConstantItems"> {}

/** One group's Gap 5, its accumulator and its validation counts. */
export interface GapSqlGroup {
  /** The group-by values (column name → value; empty without groupBy). */
  readonly group: Readonly<Record<string, string | number | boolean | null>>;
  readonly validation: SqlValidationCounts;
  /** The accumulator state (mergeable with `mergeGap5Accumulators`, e.g. across shards). */
  readonly accumulator: Gap5Accumulator;
  readonly result: Gap5Result;
}

/** The result of {@link finishGapSql}: one entry per group (one without groupBy). */
export interface GapSqlResult {
  readonly groups: readonly GapSqlGroup[];
}

/** The finishing options beside gapSql's. */
const FINISH_KEYS = ["level", "pAdjust", "dropConstantItems"] as const;

/**
 * Finishes the rows of {@link gapSql}'s statements (all of `statements`, in any order, or those of
 * `text`) into Gap 5 per group: the rows become the
 * accumulator state (`Gap5Accumulator`), which `finishGap5` turns into the same result as
 * `gap5` on the same respondents (no second implementation of the statistics). Pass the
 * options given to `gapSql` (they fix the statement's layout) plus `level`, `pAdjust`,
 * `dropConstantItems`.
 *
 * Alpha without constant items needs a second reading of the kept items, which the sums do not
 * hold: when a facet has a constant item, that alpha is not computed and a warning
 * (`constant-items-dropped`) says so.
 *
 * @param rows - The result set, as objects (column name → value); arrays may be JS arrays or
 *   DuckDB list values, numbers may be bigints or numeric text (PostgreSQL NUMERIC).
 * @param instrument - The instrument given to gapSql.
 * @param options - The options given to gapSql, and the finishing options.
 * @returns One group per group-by combination seen, in the order of the rows.
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) when the rows are not the
 *   statements' (also when one statement's share is missing or comes twice);
 *   `invalid-argument` for bad options.
 * @example
 * const { groups } = finishGapSql(rows, instruments.servqual22, { table: "survey", dialect: "duckdb" });
 * groups[0].result.overall.unweighted.gap.mean //=> -0.9…
 */
export function finishGapSql(
  rows: readonly SqlResultRow[],
  instrument: Instrument,
  options: FinishGapSqlOptions,
): GapSqlResult {
  expectKind("finishGapSql", "rows", rows, "array", "the rows of the gapSql statement");
  const plan = gapSqlPlan("finishGapSql", instrument, options, FINISH_KEYS);
  const groupNames = plan.source.groupBy.map((g) => g.name);
  const missingPolicy = plan.source.missingPolicy;
  const states = readGapSqlRows(
    rows,
    instrument,
    plan.layout,
    groupNames,
    "expectation",
    "perception",
    missingPolicy,
  );
  return {
    groups: states.map((state) => {
      const accumulator: Gap5Accumulator = {
        instrument,
        missingPolicy,
        gaps: state.gaps,
        items: state.items,
        n: state.validation.rowsUsed,
      };
      const finishing: Gap5Options = {
        ...(options.level === undefined ? {} : { level: options.level }),
        ...(options.pAdjust === undefined ? {} : { pAdjust: options.pAdjust }),
        ...(options.dropConstantItems === undefined
          ? {}
          : { dropConstantItems: options.dropConstantItems }),
        ...(options.reliability === undefined ? {} : { reliability: options.reliability }),
      };
      return {
        group: state.group,
        validation: state.validation,
        accumulator,
        result: finishGap5(accumulator, finishing),
      };
    }),
  };
}
