import { expectKind } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { finishGaps } from "../gaps/finishGaps";
import { createGapAccumulator, type GapAccumulator } from "../gaps/gapAccumulator";
import {
  finishTally,
  invertedZoneWarnings,
  type Tally,
  type ZonesOfToleranceResult,
} from "../gaps/zonesOfTolerance";
import type { Instrument } from "../instrument/types";
import { itemsNeeded } from "../responses/itemsNeeded";
import { checkLevel } from "../stats/checkOptions";
import { facetRows, sqlInt, sqlPlus } from "./facetRowsSql";
import { numberScale, type SqlStatement } from "./gapSql";
import { buildGapPlan, type GapSqlPlan } from "./gapSqlPlan";
import { quoteName } from "./quoteIdentifier";
import { readGapSqlRows, type SqlResultRow, type SqlValidationCounts } from "./readGapSqlRows";
import { facetRowsValidation, partValues, readSqlGroups, sqlNumber } from "./readSqlParts";
import { sqlFacets } from "./servperfSql";
import { DIALECTS } from "./sqlDialect";
import { type ResolvedSqlSource, resolveSqlSource, type SqlSourceOptions } from "./sqlOptions";
import { SqlSlots } from "./sqlSlots";

/** Options of {@link zonesSql}: where the respondents are, and how to read them. */
export type ZonesSqlOptions = SqlSourceOptions;

/** Options of {@link finishZonesSql}: those given to zonesSql, and the interval level. */
export interface FinishZonesSqlOptions extends ZonesSqlOptions {
  /** Confidence level of the MSA and MSS intervals (default 0.95). */
  readonly level?: number;
}

/** One group's zones of tolerance and its validation counts. */
export interface ZonesSqlGroup {
  readonly group: Readonly<Record<string, string | number | boolean | null>>;
  readonly validation: SqlValidationCounts;
  readonly result: ZonesOfToleranceResult;
}

/** Where a tally's sums land. */
type TallySlots = Readonly<Record<keyof Tally, number>>;

interface ZonesPlan {
  readonly source: ResolvedSqlSource;
  readonly text: string;
  readonly parameters: SqlStatement["parameters"];
  readonly validation: ReturnType<typeof facetRows>["validation"];
  readonly msa: GapSqlPlan;
  readonly mss: GapSqlPlan;
  readonly slots: number;
  readonly items: readonly TallySlots[];
  readonly dimensions: readonly TallySlots[];
  readonly inversions: number;
}

function zonesPlan(
  fn: string,
  instrument: Instrument,
  options: ZonesSqlOptions,
  extraKeys: readonly string[] = [],
): ZonesPlan {
  expectKind(fn, "options", options, "object", "the options { table, dialect, … }");
  const facets = sqlFacets(fn, instrument, options);
  const source = resolveSqlSource(fn, options, extraKeys);
  const [fa, fd, fp] = (["adequate", "desired", "perception"] as const).map((f) =>
    facets.indexOf(f),
  ) as [number, number, number];
  if (fa < 0 || fd < 0 || fp < 0) {
    throw new ServqualError("invalid-input", `${fn}: zones of tolerance need three-column data.`, [
      {
        code: "missing-facet",
        message: `zones of tolerance need adequate, desired and perceived answers; the instrument "${instrument.name}" has the format "${instrument.format}"`,
      },
    ]);
  }
  const rows = facetRows(instrument, source, facets);
  const rules = DIALECTS[source.dialect];
  const D = rules.double;
  const F = rules.fence;
  const S = rules.step;
  const dims = instrument.dimensions;
  const items = dims.flatMap((dimension, d) => dimension.items.map((item) => ({ item, d })));
  const groups = source.groupBy.map((_, g) => `g${g}`);

  // Step zv: the kept rows' answers as given, for the two gap statements (MSA, MSS).
  const innerName = (f: number, id: string) => quoteName(fn, "columns", `z${f}_${id}`);
  const zv = [
    ...groups,
    ...facets.flatMap((_, f) =>
      items.map(({ item }, i) => `r${f}_${i} AS ${innerName(f, item.id)}`),
    ),
  ];
  const inner = (whereValues: ResolvedSqlSource["whereValues"]): ResolvedSqlSource => ({
    ...source,
    table: "zv",
    where: "",
    whereValues,
    groupBy: source.groupBy.map((g, i) => ({ quoted: `g${i}`, name: g.name })),
    templates: {
      ...source.templates,
      adequate: `z${fa}_{item}`,
      desired: `z${fd}_{item}`,
      perception: `z${fp}_{item}`,
    },
    weight: null,
    rowReasons: [],
    cells: "number",
    invalidAnswers: "missing",
  });
  const spec = (required: "adequate" | "desired") => ({
    instrument,
    required,
    delivered: "perception" as const,
    reliability: false,
    unweightedScale: numberScale(fn, instrument),
  });
  const msa = buildGapPlan(spec("adequate"), inner(rows.parameters));
  const mss = buildGapPlan(spec("desired"), inner(msa.parameters));

  // Step zq: dimension means of A, D and P over the items answered on all three, the flag of
  // a respondent with an inverted item zone.
  const a = (i: number) => `v${fa}_${i}`;
  const d = (i: number) => `v${fd}_${i}`;
  const p = (i: number) => `v${fp}_${i}`;
  const zq = ["fz.*"];
  dims.forEach((dimension, k) => {
    const members = items.flatMap((entry, i) => (entry.d === k ? [i] : []));
    const needed = itemsNeeded(source.missingPolicy, dimension.items.length);
    for (const [name, value] of [
      ["za", a],
      ["zd", d],
      ["zp", p],
    ] as const) {
      const sum = sqlPlus(members.map((i) => `CASE WHEN u${i} = 1 THEN ${value(i)} ELSE 0 END`));
      zq.push(`CASE WHEN c${k} >= ${sqlInt(needed)} THEN ${sum} / c${k} END AS ${name}${k}`);
    }
  });
  zq.push(
    `CASE WHEN ${items.map((_, i) => `(u${i} = 1 AND ${a(i)} > ${d(i)})`).join(" OR ")} THEN 1 ELSE 0 END AS zinv`,
  );
  const sums = new SqlSlots(D);
  const tally = (av: string, dv: string, pv: string, when: string): TallySlots => ({
    n: sums.count(when),
    sumA: sums.sum(av, when),
    sumD: sums.sum(dv, when),
    sumP: sums.sum(pv, when),
    below: sums.count(`${when} AND ${av} <= ${dv} AND ${pv} < ${av}`),
    within: sums.count(`${when} AND ${av} <= ${dv} AND ${pv} >= ${av} AND ${pv} <= ${dv}`),
    above: sums.count(`${when} AND ${av} <= ${dv} AND ${pv} > ${dv}`),
    inverted: sums.count(`${when} AND ${av} > ${dv}`),
    relativeSum: sums.sum(
      `(${pv} - ${av}) / NULLIF(${dv} - ${av}, 0)`,
      `${when} AND ${dv} > ${av}`,
    ),
    relativeCount: sums.count(`${when} AND ${dv} > ${av}`),
  });
  const itemSlots = items.map((_, i) => tally(a(i), d(i), p(i), `u${i} = 1`));
  const dimensionSlots = dims.map((_, k) =>
    tally(`za${k}`, `zd${k}`, `zp${k}`, `za${k} IS NOT NULL`),
  );
  const inversions = sums.count("zinv = 1");

  const stmt = (n: number, body: string) => `SELECT ${n} AS stmt, m${n}.* FROM (${body}) AS m${n}`;
  const text = [
    `WITH ${rows.steps.join(",\n")},`,
    `zv AS ${S}(SELECT ${zv.join(", ")} FROM fz WHERE excluded = 0${F}),`,
    `zq AS ${S}(SELECT ${zq.join(", ")} FROM fz WHERE excluded = 0${F})`,
    stmt(1, msa.text),
    "UNION ALL",
    stmt(2, mss.text),
    "UNION ALL",
    `SELECT 3 AS stmt, ${rows.groupList}-1 AS part, CAST(NULL AS ${D}) AS key, ${rules.array(rows.validationList)} AS v FROM fz${rows.groupBy}`,
    "UNION ALL",
    `SELECT 3 AS stmt, ${rows.groupList}0 AS part, CAST(NULL AS ${D}) AS key, ${rules.array(sums.list)} AS v FROM zq${rows.groupBy}`,
  ].join("\n");
  return {
    source,
    text,
    parameters: mss.parameters,
    validation: rows.validation,
    msa,
    mss,
    slots: sums.list.length,
    items: itemSlots,
    dimensions: dimensionSlots,
    inversions,
  };
}

/**
 * Writes one SQL statement that computes, inside the database, everything
 * {@link zonesOfTolerance} needs from a table of three-column answers (adequate `MIN_<item>`,
 * desired `DES_<item>`, perceived `P_<item>`; one row per respondent), per group of `groupBy`:
 * the validation counts (validateResponses' rules, an item counting when all three answers are
 * there), the Gap 5 sums of MSA = P − A and of MSS = P − D (the statement of `gapSql`, with its
 * exact signed-rank keys, over the kept rows) and the zone positions per item and dimension:
 * n, ΣA, ΣD, ΣP, how many fall below (P < A), within (A ≤ P ≤ D) or above (P > D), how many are
 * inverted (A > D), Σ(P − A)/(D − A) over D > A, and the respondents with an inverted item zone.
 * {@link finishZonesSql} turns the rows into the `zonesOfTolerance` result.
 *
 * Reference: Zeithaml, Berry & Parasuraman (1993), JAMS 21(1):1–12; Parasuraman, Zeithaml &
 * Berry (1994), J. Retailing 70(3):201–230. See docs/sql.md.
 *
 * @param instrument - A `tolerance` instrument.
 * @param options - `table`, `dialect`, `columns` templates (no `weight`), `groupBy`, `where`,
 *   `missing`, `invalidAnswers`, `cells`.
 * @returns `{ dialect, text, parameters }`.
 * @throws {ServqualError} `invalid-argument` for a bad option; `invalid-input` (`missing-facet`)
 *   for an instrument without the three columns.
 * @example
 * const { text, parameters } = zonesSql(instruments.servqual22Tolerance, { table: "survey", dialect: "postgres" });
 * const { rows } = await client.query(text, [...parameters]);
 * finishZonesSql(rows, instruments.servqual22Tolerance, { table: "survey", dialect: "postgres" });
 */
export function zonesSql(instrument: Instrument, options: ZonesSqlOptions): SqlStatement {
  const plan = zonesPlan("zonesSql", instrument, options);
  return { dialect: plan.source.dialect, text: plan.text, parameters: plan.parameters };
}

/**
 * Finishes the rows of a {@link zonesSql} statement into one zones-of-tolerance result per
 * group: MSA and MSS through `finishGaps` (the code `zonesOfTolerance` finishes its
 * accumulators with), the positions through the same tally finishing.
 *
 * @param rows - The result set, as objects.
 * @param instrument - The instrument given to zonesSql.
 * @param options - The options given to zonesSql, and `level` (default 0.95).
 * @returns One entry per group, in the order of the rows.
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) when the rows are not the
 *   statement's; `invalid-argument` / `invalid-options` for bad options.
 * @example
 * finishZonesSql(rows, instruments.servqual22Tolerance, { table: "survey", dialect: "postgres" })[0].result.dimensions[0].shareBelow
 */
export function finishZonesSql(
  rows: readonly SqlResultRow[],
  instrument: Instrument,
  options: FinishZonesSqlOptions,
): ZonesSqlGroup[] {
  const fn = "finishZonesSql";
  expectKind(fn, "rows", rows, "array", "the rows of the zonesSql statement");
  const plan = zonesPlan(fn, instrument, options, ["level"]);
  const level = checkLevel(options.level, fn);
  const groupNames = plan.source.groupBy.map((g) => g.name);
  const policy = plan.source.missingPolicy;
  const byStatement: SqlResultRow[][] = [[], [], []];
  rows.forEach((row, r) => {
    const n = sqlNumber((row as SqlResultRow | null)?.stmt, `row ${r + 1} stmt`);
    const list = byStatement[n - 1];
    if (list === undefined) {
      throw new ServqualError(
        "invalid-input",
        "The SQL result set is not the one zonesSql wrote.",
        [{ code: "bad-sql-result", message: `row ${r + 1} has no statement number 1–3` }],
      );
    }
    list.push(row);
  });
  const idOf = (group: Readonly<Record<string, unknown>>) =>
    JSON.stringify(groupNames.map((name) => group[name]));
  const gapsOf = (
    gapRows: readonly SqlResultRow[],
    gapPlan: GapSqlPlan,
    required: "adequate" | "desired",
  ) =>
    new Map(
      readGapSqlRows(
        gapRows,
        instrument,
        gapPlan.layout,
        groupNames,
        required,
        "perception",
        policy,
      ).map((state) => [idOf(state.group), state.gaps] as const),
    );
  const msa = gapsOf(byStatement[0] as SqlResultRow[], plan.msa, "adequate");
  const mss = gapsOf(byStatement[1] as SqlResultRow[], plan.mss, "desired");
  const labels = instrument.dimensions.flatMap((dimension) =>
    dimension.items.map((item) => ({ item: item.id, label: item.label, dimension: dimension.id })),
  );
  return readSqlGroups(byStatement[2] as SqlResultRow[], groupNames, fn).map((entry) => {
    const validation = facetRowsValidation(
      partValues(entry, -1, plan.validation.slots, fn),
      plan.validation,
    );
    const v = partValues(entry, 0, plan.slots, fn);
    const read = (slots: TallySlots) =>
      finishTally(
        Object.fromEntries(
          Object.entries(slots).map(([name, slot]) => [name, v[slot] as number]),
        ) as unknown as Tally,
      );
    const gaps = <R extends "adequate" | "desired">(
      states: Map<string, GapAccumulator>,
      required: R,
    ) =>
      finishGaps(
        states.get(entry.id) ?? createGapAccumulator(instrument, required, "perception"),
        instrument,
        policy,
        { required, delivered: "perception" },
        level,
      );
    const respondentsWithInversions = v[plan.inversions] as number;
    const result: ZonesOfToleranceResult = {
      kind: "zones-of-tolerance",
      unit: "scale points",
      sign: "perception − adequate (MSA) and perception − desired (MSS); negative = shortfall",
      msa: gaps(msa, "adequate"),
      mss: gaps(mss, "desired"),
      items: plan.items.map((slots, i) => ({
        ...(labels[i] as (typeof labels)[number]),
        ...read(slots),
      })),
      dimensions: plan.dimensions.map((slots, k) => ({
        dimension: instrument.dimensions[k]?.id as string,
        label: instrument.dimensions[k]?.label as string,
        ...read(slots),
      })),
      respondentsWithInversions,
      warnings: invertedZoneWarnings(respondentsWithInversions),
    };
    return { group: entry.group, validation, result };
  });
}
