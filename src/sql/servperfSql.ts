import { centredSquares } from "../_lib/centredSquares";
import { expectKind, expectShape, invalidArgument, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import {
  type MeanSummary,
  meanSummary,
  type ServperfResult,
  servperfResult,
} from "../gaps/servperf";
import { RESPONSE_FORMATS } from "../instrument/facets";
import type { Facet, Instrument } from "../instrument/types";
import { itemsNeeded } from "../responses/itemsNeeded";
import { checkLevel } from "../stats/checkOptions";
import { facetRows, sqlInt, sqlPlus } from "./facetRowsSql";
import type { SqlStatement } from "./gapSql";
import type { SqlResultRow, SqlValidationCounts } from "./readGapSqlRows";
import { facetRowsValidation, partValues, readSqlGroups } from "./readSqlParts";
import { DIALECTS } from "./sqlDialect";
import { type ResolvedSqlSource, resolveSqlSource, type SqlSourceOptions } from "./sqlOptions";
import { SqlSlots } from "./sqlSlots";

/** Options of {@link servperfSql}: where the respondents are, and how to read them. */
export type ServperfSqlOptions = SqlSourceOptions;

/** Options of {@link finishServperfSql}: those given to servperfSql, and the interval level. */
export interface FinishServperfSqlOptions extends ServperfSqlOptions {
  /** Confidence level of the t intervals (default 0.95). */
  readonly level?: number;
}

/** One group's SERVPERF result and its validation counts. */
export interface ServperfSqlGroup {
  readonly group: Readonly<Record<string, string | number | boolean | null>>;
  readonly validation: SqlValidationCounts;
  readonly result: ServperfResult;
}

/** Where the sums of one mean land: n, Σ(x − shift), Σ(x − shift)². */
interface MomentSlots {
  readonly n: number;
  readonly sum: number;
  readonly squares: number;
}

interface ServperfPlan {
  readonly source: ResolvedSqlSource;
  readonly text: string;
  readonly parameters: SqlStatement["parameters"];
  readonly validation: ReturnType<typeof facetRows>["validation"];
  readonly slots: number;
  readonly items: readonly MomentSlots[];
  readonly dimensions: readonly MomentSlots[];
  readonly unscored: readonly number[];
  readonly unweighted: MomentSlots;
  readonly itemMean: MomentSlots;
  readonly shift: number;
}

/** The facets of the instrument's response format; refuses importance-point templates. */
export function sqlFacets(fn: string, instrument: Instrument, options: SqlSourceOptions): Facet[] {
  expectShape(fn, "instrument", instrument, shapes.instrument);
  const weight = (options as { columns?: { weight?: unknown } }).columns?.weight;
  if (weight !== undefined && weight !== null) {
    throw invalidArgument(
      fn,
      "columns.weight",
      "no importance points (SERVPERF and the zones of tolerance do not read them)",
      weight,
    );
  }
  return [...(RESPONSE_FORMATS[instrument.format] as readonly Facet[])];
}

function servperfPlan(
  fn: string,
  instrument: Instrument,
  options: ServperfSqlOptions,
  extraKeys: readonly string[] = [],
): ServperfPlan {
  expectKind(fn, "options", options, "object", "the options { table, dialect, … }");
  const facets = sqlFacets(fn, instrument, options);
  const source = resolveSqlSource(fn, options, extraKeys);
  const p = facets.indexOf("perception");
  if (p < 0) {
    throw new ServqualError("invalid-input", `${fn}: SERVPERF needs perception answers.`, [
      {
        code: "missing-facet",
        message: `instrument "${instrument.id}" has the format "${instrument.format}", without perception answers`,
      },
    ]);
  }
  const rows = facetRows(instrument, source, facets);
  const rules = DIALECTS[source.dialect];
  const F = rules.fence;
  const S = rules.step;
  const dims = instrument.dimensions;
  const items = dims.flatMap((dimension, d) => dimension.items.map((_, k) => ({ d, k })));
  const value = (i: number) => `v${p}_${i}`;
  const members = (d: number) => items.flatMap((entry, i) => (entry.d === d ? [i] : []));

  // Respondent scores on perception alone (servperf's scoreSides(["perception"])).
  const q1: string[] = ["fz.*"];
  dims.forEach((dimension, d) => {
    const ids = members(d);
    const count = sqlPlus(ids.map((i) => `CASE WHEN ${value(i)} IS NULL THEN 0 ELSE 1 END`));
    const sum = sqlPlus(ids.map((i) => `COALESCE(${value(i)}, 0)`));
    const needed = itemsNeeded(source.missingPolicy, dimension.items.length);
    q1.push(`CASE WHEN ${count} >= ${sqlInt(needed)} THEN ${sum} / ${count} END AS pm${d}`);
  });
  const allCount = sqlPlus(items.map((_, i) => `CASE WHEN ${value(i)} IS NULL THEN 0 ELSE 1 END`));
  const allSum = sqlPlus(items.map((_, i) => `COALESCE(${value(i)}, 0)`));
  q1.push(`CASE WHEN ${allCount} > 0 THEN ${allSum} / ${allCount} END AS pim`);
  const q2: string[] = ["q1.*"];
  const scored = sqlPlus(dims.map((_, d) => `CASE WHEN pm${d} IS NULL THEN 0 ELSE 1 END`));
  q2.push(
    `CASE WHEN ${scored} > 0 THEN ${sqlPlus(dims.map((_, d) => `COALESCE(pm${d}, 0)`))} / ${scored} END AS pun`,
  );

  const sums = new SqlSlots(rules.double);
  const moments = (x: string): MomentSlots => ({
    n: sums.present(x),
    sum: sums.total(`${x} - sh`),
    squares: sums.total(`(${x} - sh) * (${x} - sh)`),
  });
  const itemSlots = items.map((_, i) => moments(value(i)));
  const dimensionSlots = dims.map((_, d) => moments(`pm${d}`));
  const unscored = dims.map((_, d) => sums.count(`pm${d} IS NULL`));
  const unweighted = moments("pun");
  const itemMean = moments("pim");

  const D = rules.double;
  const text = [
    `WITH ${rows.steps.join(",\n")},`,
    `q1 AS ${S}(SELECT ${q1.join(", ")} FROM fz WHERE excluded = 0${F}),`,
    `q2 AS ${S}(SELECT ${q2.join(", ")} FROM q1${F})`,
    `SELECT ${rows.groupList}-1 AS part, CAST(NULL AS ${D}) AS key, ${rules.array(rows.validationList)} AS v FROM fz${rows.groupBy}`,
    "UNION ALL",
    `SELECT ${rows.groupList}0 AS part, CAST(NULL AS ${D}) AS key, ${rules.array(sums.list)} AS v FROM q2${rows.groupBy}`,
  ].join("\n");
  return {
    source,
    text,
    parameters: rows.parameters,
    validation: rows.validation,
    slots: sums.list.length,
    items: itemSlots,
    dimensions: dimensionSlots,
    unscored,
    unweighted,
    itemMean,
    shift: (instrument.scale.min + instrument.scale.max) / 2,
  };
}

/**
 * Writes one SQL statement that computes, inside the database, everything {@link servperf}
 * needs from a table of respondents (one row per respondent; the columns of the instrument's
 * response format, e.g. `E_<item>` and `P_<item>`), per group of `groupBy`: the validation
 * counts (rows are kept or excluded by validateResponses' rules over every facet of the format)
 * and, over the kept rows, n, Σ(x − m) and Σ(x − m)² (m the scale midpoint) of each perception
 * item, of each respondent's perception dimension score (the mean of the dimension's answered
 * perception items when at least itemsNeeded(policy, k) are answered), of the mean of the
 * dimension scores and of the mean of all answered perception items. {@link finishServperfSql}
 * turns the rows into the `servperf` result.
 *
 * SERVPERF = perceptions alone: mean P per item, dimension and overall (Cronin & Taylor 1992);
 * SD = √((Σd² − (Σd)²/n)/(n − 1)) with d = x − m, the t interval mean ± t(1 − α/2, n − 1)·SD/√n.
 *
 * Reference: Cronin & Taylor (1992), J. Marketing 56(3):55–68. See docs/sql.md.
 *
 * @param instrument - An instrument whose response format has perception answers.
 * @param options - `table`, `dialect`, `columns` templates (no `weight`), `groupBy`, `where`,
 *   `missing`, `invalidAnswers`, `cells`.
 * @returns `{ dialect, text, parameters }`.
 * @throws {ServqualError} `invalid-argument` for a bad option; `invalid-input` (`missing-facet`)
 *   for an instrument without perception answers.
 * @example
 * const { text, parameters } = servperfSql(instruments.servqual22, { table: "survey", dialect: "duckdb" });
 * const rows = (await connection.runAndReadAll(text, [...parameters])).getRowObjectsJS();
 * finishServperfSql(rows, instruments.servqual22, { table: "survey", dialect: "duckdb" });
 */
export function servperfSql(instrument: Instrument, options: ServperfSqlOptions): SqlStatement {
  const plan = servperfPlan("servperfSql", instrument, options);
  return { dialect: plan.source.dialect, text: plan.text, parameters: plan.parameters };
}

/**
 * Finishes the rows of a {@link servperfSql} statement into one SERVPERF result per group, with
 * the same assembly (labels, warnings, intervals) as `servperf` on the same respondents.
 *
 * @param rows - The result set, as objects (arrays may be JS arrays or DuckDB list values).
 * @param instrument - The instrument given to servperfSql.
 * @param options - The options given to servperfSql, and `level` (default 0.95).
 * @returns One entry per group, in the order of the rows.
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) when the rows are not the
 *   statement's; `invalid-argument` / `invalid-options` for bad options.
 * @example
 * finishServperfSql(rows, instruments.servqual22, { table: "survey", dialect: "duckdb" })[0].result.overall.itemMean.mean //=> 5.2
 */
export function finishServperfSql(
  rows: readonly SqlResultRow[],
  instrument: Instrument,
  options: FinishServperfSqlOptions,
): ServperfSqlGroup[] {
  const fn = "finishServperfSql";
  expectKind(fn, "rows", rows, "array", "the rows of the servperfSql statement");
  const plan = servperfPlan(fn, instrument, options, ["level"]);
  const level = checkLevel(options.level, fn);
  const groupNames = plan.source.groupBy.map((g) => g.name);
  return readSqlGroups(rows, groupNames, fn).map((entry) => {
    const validation = facetRowsValidation(
      partValues(entry, -1, plan.validation.slots, fn),
      plan.validation,
    );
    const v = partValues(entry, 0, plan.slots, fn);
    const summary = (slots: MomentSlots): MeanSummary => {
      const n = v[slots.n] as number;
      const sum = v[slots.sum] as number;
      const squares = v[slots.squares] as number;
      const mean = n > 0 ? sum / n + plan.shift : null;
      const sd = n > 1 ? Math.sqrt(centredSquares(squares, sum, n) / (n - 1)) : null;
      return meanSummary(n, mean, sd, level);
    };
    const result = servperfResult(
      { instrument, missingPolicy: plan.source.missingPolicy },
      validation.rowsUsed,
      {
        items: plan.items.map(summary),
        dimensions: plan.dimensions.map(summary),
        unscored: plan.unscored.map((slot) => v[slot] as number),
        overallUnweighted: summary(plan.unweighted),
        overallItemMean: summary(plan.itemMean),
      },
    );
    return { group: entry.group, validation, result };
  });
}
