import type { Facet, Instrument } from "../instrument/types";
import { itemsNeeded } from "../responses/itemsNeeded";
import { quoteName } from "./quoteIdentifier";
import { DIALECTS } from "./sqlDialect";
import { answerColumn, type ResolvedSqlSource, type SqlValue } from "./sqlOptions";
import { SqlSlots } from "./sqlSlots";

/**
 * The first steps of the SERVPERF and zones-of-tolerance statements: a respondent table read by
 * validateResponses' rules for every facet of the instrument's response format (answers on the
 * scale and its step grid, reverse-keyed items recoded, rejected answers, blanks and
 * not-applicable tokens, the row's usability under the missing-data policy, where an item counts
 * when every facet of it is answered), ending in the step `fz`: one row per source row with
 *
 * - `g0…`: the group-by values;
 * - `v<f>_<i>`: facet f's answer to item i, recoded, NULL when missing or rejected;
 * - `r<f>_<i>`: the same answer as given (not recoded), NULL when missing or rejected;
 * - `excluded` (0/1), and the parameters `lo`, `hi`, `st`, `sh` (scale min, max, step, midpoint).
 *
 * The validation counts of the rows are sums over `fz` ({@link FacetRowsPlan.validation}).
 */

/** Σ of terms, or 0. */
export function sqlPlus(terms: readonly string[]): string {
  return terms.length === 0 ? "0" : `(${terms.join(" + ")})`;
}

/** A whole number written into the SQL text (derived from the instrument, never user text). */
export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return String(value);
}

/** Where the validation counts land in the array of part −1. */
export interface FacetRowsValidation {
  readonly slots: number;
  readonly rowsIn: number;
  readonly rowsExcluded: number;
  readonly rowsUsed: number;
  readonly blank: number;
  readonly notApplicable: number;
  /** Exclusion reason code → slot. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Rejected answers: column, code, slot. */
  readonly rejected: readonly {
    readonly column: string;
    readonly code: "not-a-number" | "out-of-range" | "off-scale-step";
    readonly slot: number;
  }[];
}

/** The steps, their parameters and the validation sums. */
export interface FacetRowsPlan {
  /** `name AS (…)` of each step, in order (join with ",\n" after WITH); the last is `fz`. */
  readonly steps: readonly string[];
  /** Bound values: the WHERE values first, then the scale. */
  readonly parameters: SqlValue[];
  /** The aggregate expressions of the validation counts (over `fz`). */
  readonly validationList: readonly string[];
  readonly validation: FacetRowsValidation;
  /** The facets read, in order (`v<f>_<i>` numbers them). */
  readonly facets: readonly Facet[];
  /** Group columns `g0, g1, …, ` (with a trailing comma and space; empty without groupBy). */
  readonly groupList: string;
  /** ` GROUP BY g0, …` or empty. */
  readonly groupBy: string;
}

/**
 * Writes the row steps for the given facets (every facet of the instrument's response format,
 * as validateResponses reads them).
 *
 * @param instrument - The instrument.
 * @param source - The resolved source options.
 * @param facets - The facets to read, e.g. `["adequate", "desired", "perception"]`.
 * @example
 * facetRows(instruments.servqual22, source, ["expectation", "perception"]).steps.at(-1) // "fz AS (…)"
 */
export function facetRows(
  instrument: Instrument,
  source: ResolvedSqlSource,
  facets: readonly Facet[],
): FacetRowsPlan {
  const rules = DIALECTS[source.dialect];
  const D = rules.double;
  const F = rules.fence;
  const S = rules.step;
  const scale = instrument.scale;
  const dims = instrument.dimensions;
  const items = dims.flatMap((dimension, d) => dimension.items.map((item) => ({ item, d })));
  const groups = source.groupBy.map((_, g) => `g${g}`);
  const groupList = groups.map((g) => `${g}, `).join("");

  const parameters: SqlValue[] = [...source.whereValues];
  const bind = (value: number) => {
    parameters.push(value);
    return `CAST(${rules.parameter(parameters.length)} AS ${D})`;
  };
  const textParams: [string, string][] = [];
  const bindText = (value: string) => {
    parameters.push(value);
    const name = textParams.length === 0 ? "grammar" : `na${textParams.length - 1}`;
    textParams.push([name, `CAST(${rules.parameter(parameters.length)} AS VARCHAR)`]);
    return name;
  };
  const params = {
    lo: bind(scale.min),
    hi: bind(scale.max),
    st: bind(scale.step),
    sh: bind((scale.min + scale.max) / 2),
    tol: bind(1e-9),
  };
  const textCells = source.cells === "text";
  if (textCells) bindText("^-?(?:(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?|\\.[0-9]+)$");
  const tokens = textCells ? scale.notApplicable.map((token) => bindText(token.toUpperCase())) : [];
  const naList = tokens.map((_, j) => `na${j}`).join(", ");

  // The cells: facet f, item i → column c<f>_<i>.
  const cells = facets.flatMap((facet, f) =>
    items.map(({ item }, i) => ({
      facet,
      f,
      i,
      column: answerColumn(source, facet, item.id),
      as: `c${f}_${i}`,
    })),
  );
  const rowReasonNames = source.rowReasons.map((_, j) => `xr${j}`);
  const groupCols = [
    ...source.groupBy.map((g, i) => `${g.quoted} AS g${i}`),
    ...source.rowReasons.map((reason, j) => `${reason.sql} AS xr${j}`),
  ];
  const quote = (name: string) => quoteName("facetRows", "columns", name);
  const tCols = [
    ...groupCols,
    ...cells.map(({ column, as }) => `TRIM(CAST(${quote(column)} AS VARCHAR)) AS t${as}`),
  ];
  const cCols = textCells
    ? [
        ...groups,
        ...rowReasonNames,
        ...cells.flatMap(({ as }) => {
          const cell = `t${as}`;
          const number = rules.matches(cell, "grammar");
          const na = tokens.length === 0 ? "" : ` AND UPPER(${cell}) NOT IN (${naList})`;
          return [
            `CASE WHEN ${number} THEN CAST(${cell} AS ${D}) END AS ${as}`,
            `CASE WHEN ${cell} <> ''${na} AND NOT (${number}) THEN 1 ELSE 0 END AS n${as}`,
            `CASE WHEN ${cell} IS NULL OR ${cell} = '' THEN 1 ELSE 0 END AS b${as}`,
            tokens.length === 0
              ? `0 AS a${as}`
              : `CASE WHEN UPPER(${cell}) IN (${naList}) THEN 1 ELSE 0 END AS a${as}`,
          ];
        }),
      ]
    : [
        ...groupCols,
        ...cells.flatMap(({ column, as }) => [
          `CAST(${quote(column)} AS ${D}) AS ${as}`,
          `0 AS n${as}`,
          `CASE WHEN ${quote(column)} IS NULL THEN 1 ELSE 0 END AS b${as}`,
          `0 AS a${as}`,
        ]),
      ];

  // Step fx: answers on the scale grid (recoded and as given), rejected-cell flags.
  const validation = new SqlSlots(D);
  const rejected: FacetRowsValidation["rejected"][number][] = [];
  const onScale = (raw: string) => `${raw} >= lo AND ${raw} <= hi`;
  const onGrid = (raw: string) => `ABS((${raw} - lo) / st - ROUND((${raw} - lo) / st)) <= tol`;
  const xCols: string[] = [...groups, ...Object.keys(params), ...rowReasonNames];
  for (const { f, i, as, column } of cells) {
    const { item } = items[i] as (typeof items)[number];
    const ok = `${onScale(as)} AND ${onGrid(as)}`;
    xCols.push(`CASE WHEN ${ok} THEN ${item.reverse ? `lo + hi - ${as}` : as} END AS v${f}_${i}`);
    xCols.push(`CASE WHEN ${ok} THEN ${as} END AS r${f}_${i}`);
    xCols.push(`CASE WHEN ${as} IS NOT NULL AND NOT (${onScale(as)}) THEN 1 ELSE 0 END AS o${as}`);
    xCols.push(`CASE WHEN ${onScale(as)} AND NOT (${onGrid(as)}) THEN 1 ELSE 0 END AS s${as}`);
    xCols.push(`n${as}`, `b${as}`, `a${as}`);
    if (textCells) rejected.push({ column, code: "not-a-number", slot: validation.sum(`n${as}`) });
    rejected.push({ column, code: "out-of-range", slot: validation.sum(`o${as}`) });
    rejected.push({ column, code: "off-scale-step", slot: validation.sum(`s${as}`) });
  }

  // Step fy: per item "answered on every facet", per dimension the count; the row's fate.
  const yCols: string[] = ["fx.*"];
  const allFacets = (i: number) => facets.map((_, f) => `v${f}_${i} IS NOT NULL`).join(" AND ");
  // Written out in each sum (PostgreSQL reads no alias of the same SELECT).
  const usable = (i: number) => `CASE WHEN ${allFacets(i)} THEN 1 ELSE 0 END`;
  items.forEach((_, i) => {
    yCols.push(`${usable(i)} AS u${i}`);
  });
  dims.forEach((_, d) => {
    const members = items.flatMap((entry, i) => (entry.d === d ? [i] : []));
    yCols.push(`${sqlPlus(members.map(usable))} AS c${d}`);
  });
  yCols.push(
    `CASE WHEN ${cells.map(({ f, i }) => `v${f}_${i} IS NOT NULL`).join(" OR ")} THEN 1 ELSE 0 END AS anyans`,
  );
  yCols.push(`${sqlPlus(items.map((_, i) => usable(i)))} AS nboth`);
  yCols.push(`${sqlPlus(cells.flatMap(({ as }) => [`o${as}`, `s${as}`, `n${as}`]))} AS nrejected`);
  yCols.push(`${sqlPlus(cells.map(({ as }) => `b${as}`))} AS nblank`);
  yCols.push(`${sqlPlus(cells.map(({ as }) => `a${as}`))} AS nna`);

  // Step fz: the reasons a row is excluded (validateResponses' usability rules).
  const policy = source.missingPolicy;
  const reasonSql: Record<string, string> = { "no-answers": "anyans = 0" };
  source.rowReasons.forEach((reason, j) => {
    reasonSql[reason.code] = `xr${j} = 1`;
  });
  if (source.invalidAnswers === "exclude-row") reasonSql["rejected-answers"] = "nrejected > 0";
  if (policy.kind === "listwise") {
    reasonSql["incomplete-listwise"] = `anyans = 1 AND nboth < ${sqlInt(items.length)}`;
  } else if (policy.kind === "minimum-share") {
    reasonSql["too-few-items"] = `anyans = 1 AND NOT (${dims
      .map((dimension, d) => `c${d} >= ${sqlInt(itemsNeeded(policy, dimension.items.length))}`)
      .join(" OR ")})`;
  } else {
    reasonSql["no-complete-item"] = "anyans = 1 AND nboth = 0";
  }
  const reasonNames = Object.keys(reasonSql);
  const zCols = [
    "fy.*",
    ...reasonNames.map((name, j) => `CASE WHEN ${reasonSql[name]} THEN 1 ELSE 0 END AS why${j}`),
    `CASE WHEN ${reasonNames.map((name) => reasonSql[name]).join(" OR ")} THEN 1 ELSE 0 END AS excluded`,
  ];
  const rowsIn = validation.count("1 = 1");
  const rowsExcluded = validation.count("excluded = 1");
  const rowsUsed = validation.count("excluded = 0");
  const blank = validation.sum("nblank", "excluded = 0");
  const notApplicable = validation.sum("nna", "excluded = 0");
  const reasons: Record<string, number> = {};
  reasonNames.forEach((name, j) => {
    reasons[name] = validation.count(`why${j} = 1`);
  });

  const paramSelect = [...Object.entries(params), ...textParams]
    .map(([name, sql]) => `${sql} AS ${name}`)
    .join(", ");
  const from = `${source.table}${source.where}`;
  const steps = [
    `fp AS (SELECT ${paramSelect}${F})`,
    ...(textCells
      ? [
          `ft AS ${S}(SELECT ${tCols.join(", ")} FROM ${from}${F})`,
          `fc AS ${S}(SELECT ${cCols.join(", ")} FROM ft CROSS JOIN fp${F})`,
        ]
      : [`fc AS ${S}(SELECT ${cCols.join(", ")} FROM ${from}${F})`]),
    `fx AS ${S}(SELECT ${xCols.join(", ")} FROM fc CROSS JOIN fp${F})`,
    `fy AS ${S}(SELECT ${yCols.join(", ")} FROM fx${F})`,
    `fz AS ${S}(SELECT ${zCols.join(", ")} FROM fy${F})`,
  ];
  return {
    steps,
    parameters,
    validationList: validation.list,
    validation: {
      slots: validation.list.length,
      rowsIn,
      rowsExcluded,
      rowsUsed,
      blank,
      notApplicable,
      reasons,
      rejected,
    },
    facets,
    groupList,
    groupBy: groups.length === 0 ? "" : ` GROUP BY ${groups.join(", ")}`,
  };
}
