import { expectShape, invalidArgument, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { createGapAccumulator } from "../gaps/gapAccumulator";
import type { Instrument } from "../instrument/types";
import { buildGapPlan, type GapSqlPlan } from "./gapSqlPlan";
import type { SqlDialect } from "./sqlDialect";
import { resolveSqlSource, type SqlSourceOptions, type SqlValue } from "./sqlOptions";
import { checkStagedScale } from "./stagedScale";

/** Options of {@link gapSql}: where the respondents are, and how to read them. */
export interface GapSqlOptions extends SqlSourceOptions {
  /** Keep the item sums for alpha and item analysis (default true). */
  readonly reliability?: boolean;
}

/** A statement to run: its text and the values of its parameters `$1`, `$2`, … in order. */
export interface SqlStatement {
  readonly dialect: SqlDialect;
  readonly text: string;
  readonly parameters: readonly SqlValue[];
}

/**
 * What {@link gapSql} writes: one statement (`text`), and the same work as several smaller
 * statements (`statements`, run one after the other, their rows put together) that all bind
 * the same `parameters`.
 */
export interface GapSqlStatements extends SqlStatement {
  /**
   * The statements whose rows together are the rows of `text`: validation counts; item and
   * score sums; histograms; item covariance sums, one statement per dimension. Each has a
   * fraction of the expressions, so the engine holds a fraction of the expression state at a
   * time (DuckDB: about half the peak memory of `text` on SERVQUAL-22).
   */
  readonly statements: readonly SqlStatement[];
  /**
   * The staged form (one connection; `runGapSql`'s `staged: true` on DuckDB): run `setup` (it
   * reads the caller's rows once into a temporary table: per answer cell one small code, value
   * or fault, packed several to an INTEGER column, and per row its exclusion reasons),
   * then `statements` (their rows go to {@link finishGapSql}, as those of the list above), then
   * `cleanup` (drops the table). All on the same connection: a temporary table is the
   * session's. The statements read a compact table instead of re-reading and re-validating
   * the caller's columns each.
   */
  readonly staged: GapSqlStaged;
}

/** The staged form of {@link GapSqlStatements}: setup, the statements, cleanup. */
export interface GapSqlStaged {
  /** The temporary table's name, quoted. */
  readonly table: string;
  readonly setup: SqlStatement;
  readonly statements: readonly SqlStatement[];
  /**
   * After `setup`: one row `{ inexact }`, the rows with an answer within 1e-9 of a scale point
   * but not exactly on it. The table stores the point; when this is not 0, run `statements`
   * instead for results on the values as given (as `runGapSql` does).
   */
  readonly inexact: SqlStatement;
  readonly cleanup: SqlStatement;
}

/** @internal The plan behind gapSql (the finishing function rebuilds it from the same options). */
export function gapSqlPlan(
  fn: string,
  instrument: Instrument,
  options: GapSqlOptions,
  extraKeys: readonly string[] = [],
  stageName?: string,
): GapSqlPlan {
  expectShape(fn, "instrument", instrument, shapes.instrument);
  const source = resolveSqlSource(fn, options, ["reliability", ...extraKeys]);
  if (instrument.format !== "expectation-perception") {
    throw new ServqualError(
      "invalid-input",
      `${fn}: Gap 5 needs an expectation–perception instrument.`,
      [
        {
          code: "missing-facet",
          message: `instrument "${instrument.id}" has the format "${instrument.format}"`,
        },
      ],
    );
  }
  const reliability = options.reliability ?? true;
  if (typeof reliability !== "boolean") {
    throw invalidArgument(fn, "reliability", "true or false", reliability);
  }
  return buildGapPlan(
    {
      instrument,
      required: "expectation",
      delivered: "perception",
      reliability,
      unweightedScale: numberScale(fn, instrument),
      ...(stageName === undefined ? {} : { stageName }),
    },
    source,
  );
}

/** The overall key scale, refused when the instrument is too large for double keys. */
export function numberScale(fn: string, instrument: Instrument): number {
  const scales = createGapAccumulator(instrument, "expectation", "perception").keyScales;
  const all = [scales.overallUnweighted, scales.overallItemMean, ...scales.dimension];
  if (all.some((scale) => typeof scale !== "number")) {
    throw new ServqualError("unsupported", `${fn}: the instrument is too large for SQL keys.`, [
      {
        code: "unsupported-value",
        message:
          "its exact signed-rank keys exceed 2^52 (about 40 or more items in a dimension); read the rows with validateResponses instead",
      },
    ]);
  }
  return scales.overallUnweighted as number;
}

/**
 * Writes the SQL that computes, inside the database, everything {@link gap5} needs
 * from a table of respondents (one row per respondent, columns `E_<item>`, `P_<item>`, optional
 * `W_<dimension>` importance points), per group of `groupBy`: item moments, histograms of the
 * exact gap keys (for the Wilcoxon signed-rank test), respondent dimension scores under the
 * missing-data policy, the item covariance sums of each dimension (alpha, item analysis,
 * pairwise alpha) and the validation counts. `statements` holds the work as a few smaller
 * statements (validation counts; scores; histograms; one per dimension's item sums) that bind
 * the same `parameters`: run them one after the other with any driver (or `runGapSql` on
 * `servqual/node`) and give all their rows to {@link finishGapSql}; `text` is the same as one
 * statement (UNION ALL), which needs more memory in the engine. A few hundred numbers per
 * group come back, never the respondents.
 *
 * The sums are the ones the in-memory accumulators keep (`createGap5Accumulator`): Σx, Σx², Σxy
 * of shifted answers, counts and exact keys s·M/c (s gap steps, c items, M = lcm(1..m)), so
 * `finishGapSql` finishes them with the same code as `gap5`. Answers follow validateResponses'
 * rules: off the scale or its step grid is a rejected answer (missing, or the row is excluded
 * with `invalidAnswers: "exclude-row"`), reverse-keyed items are recoded min + max − x, a row
 * without usable answers is excluded with its reason; rows in = used + excluded per group.
 *
 * Every name the caller gives is quoted by one function (`quoteIdentifier`), every value is a
 * bound parameter, and `where` is structured ({ column, op, value }), never SQL text.
 *
 * Reference: sums of squares and products (Chan, Golub & LeVeque 1983); Parasuraman, Zeithaml
 * & Berry (1988) for the gap scores. See docs/sql.md.
 *
 * @param instrument - An expectation–perception instrument.
 * @param options - `table`, `dialect` (`"duckdb"` | `"postgres"`), `columns` templates,
 *   `groupBy`, `where`, `missing`, `invalidAnswers`, `weights`, `reliability`.
 * @returns `{ dialect, text, parameters, statements, staged }` (`staged`: setup, statements,
 *   inexact, cleanup, for one session; see {@link GapSqlStaged}).
 * @throws {ServqualError} `invalid-argument` for a bad option; `unsupported` for an instrument
 *   whose exact keys exceed 2^52, or whose scale has more than 2^31 − 33 steps
 *   (`too-many-scale-steps`: the staged form packs each step index into a 31-bit INTEGER).
 * @example
 * const { statements } = gapSql(instruments.servqual22, { table: "survey", dialect: "duckdb", groupBy: ["region"] });
 * const rows = [];
 * for (const { text, parameters } of statements)
 *   rows.push(...(await connection.runAndReadAll(text, [...parameters])).getRowObjectsJS());
 * finishGapSql(rows, instruments.servqual22, { table: "survey", dialect: "duckdb", groupBy: ["region"] });
 */
export function gapSql(instrument: Instrument, options: GapSqlOptions): GapSqlStatements {
  return gapSqlStatements("gapSql", instrument, options);
}

/** @internal gapSql with the staged table's name (runGapSql gives each run its own). */
export function gapSqlStatements(
  fn: string,
  instrument: Instrument,
  options: GapSqlOptions,
  stageName?: string,
): GapSqlStatements {
  const plan = gapSqlPlan(fn, instrument, options, [], stageName);
  checkStagedScale(fn, instrument);
  const { dialect } = options;
  const { staged } = plan;
  const stagedParameters = [...staged.parameters];
  return {
    dialect,
    text: plan.text,
    parameters: plan.parameters,
    statements: plan.statements.map((text) => ({ dialect, text, parameters: plan.parameters })),
    staged: {
      table: staged.table,
      setup: { dialect, text: staged.setup, parameters: plan.parameters },
      statements: staged.statements.map((text) => ({
        dialect,
        text,
        parameters: stagedParameters,
      })),
      inexact: { dialect, text: staged.inexact, parameters: [] },
      cleanup: { dialect, text: staged.cleanup, parameters: [] },
    },
  };
}
