import type { Instrument } from "../instrument/types";
import { itemsNeeded } from "../responses/itemsNeeded";
import { quoteName } from "./quoteIdentifier";
import { DIALECTS } from "./sqlDialect";
import { answerColumn, type ResolvedSqlSource, type SqlValue, weightColumn } from "./sqlOptions";
import { SqlSlots } from "./sqlSlots";

/**
 * The plan of a gap statement: its SQL text and parameters, and where each sum lands in the
 * result (the "layout"), shared by the builder and the finishing function so that both read the
 * same positions. Written for a paired gap (required side R, delivered side D: Gap 5 is
 * expectation → perception, the zones of tolerance adequate → perception and desired →
 * perception).
 *
 * The statement returns, per group, one row `part = 0` whose array `v` holds every sum (the
 * "slots"), one row `part = −1` with the validation counts, and rows `part ≥ 1` with the count
 * `v[0]` of one key of one histogram (exact gap keys for the signed-rank tests).
 */

/** Slots of one paired-moments accumulator. */
export interface PairSlots {
  readonly n: number;
  readonly sumR: number;
  readonly sumR2: number;
  readonly sumD: number;
  readonly sumD2: number;
  readonly sumRD: number;
}

/** Slots of one facet's item covariance sums (one dimension of k items). */
export interface FacetSlots {
  readonly nRows: number;
  readonly nEmpty: number;
  readonly nComplete: number;
  readonly ccSum: readonly number[];
  /** k × k, −1 where not kept (lower triangle). */
  readonly ccCross: readonly number[];
  readonly pN: readonly number[];
  readonly pSum: readonly number[];
  readonly pSq: readonly number[];
  /** k × k, −1 where not kept (diagonal and lower triangle). */
  readonly pCross: readonly number[];
  readonly pScoreN: number;
  readonly pScoreSum: number;
  readonly pScoreSq: number;
  readonly pScoreSumI: readonly number[];
  readonly pScoreSqI: readonly number[];
  readonly pScoreCrossI: readonly number[];
  /** The shift of the stored values (d = x − shift) and of the person score. */
  readonly shift: number;
}

/** How a dimension tally (items answered c, gap steps s) is coded as one key: c·width + s + offset. */
export interface TallyCode {
  readonly width: number;
  readonly offset: number;
}

/** Where everything lands. */
export interface GapSqlLayout {
  readonly slots: number;
  readonly items: readonly PairSlots[];
  readonly dimensions: readonly PairSlots[];
  readonly unscored: readonly number[];
  readonly itemMean: PairSlots;
  readonly unweighted: PairSlots;
  readonly respondents: number;
  readonly rowsUsed: number;
  /** Blank and not-applicable answer cells of the used rows. */
  readonly blank: number;
  readonly notApplicable: number;
  readonly weightedOwn: (PairSlots & { readonly negative: number; readonly zero: number }) | null;
  readonly fallback: {
    readonly n: number;
    readonly sumR: readonly number[];
    readonly sumD: readonly number[];
    readonly crossGap: readonly number[];
    readonly crossR: readonly number[];
    readonly crossD: readonly number[];
  } | null;
  readonly weightSums: readonly number[] | null;
  readonly weightRespondents: number | null;
  /** Per dimension: E/R, P/D and gap item sums (null for one item, or without reliability). */
  readonly facets: readonly ({
    readonly required: FacetSlots;
    readonly delivered: FacetSlots;
    readonly gap: FacetSlots;
  } | null)[];
  /**
   * The statements' shares of the slots (offset, length): the scores statement's, then one per
   * dimension with item covariance sums. A part-0 row carries its share's offset as its key.
   */
  readonly sumSlices: readonly { readonly offset: number; readonly length: number }[];
  /** Validation counts (part −1): slots of its own array. */
  readonly validation: {
    readonly slots: number;
    readonly rowsIn: number;
    readonly rowsExcluded: number;
    /** Exclusion reason code → slot. */
    readonly reasons: Readonly<Record<string, number>>;
    /** Rejected answers: column, code, slot. */
    readonly rejected: readonly {
      readonly column: string;
      readonly code: "not-a-number" | "out-of-range" | "off-scale-step";
      readonly slot: number;
    }[];
    /** Weight issues among used rows: code → slot. */
    readonly weightIssues: Readonly<Record<string, number>>;
  };
  /** Histogram parts: items 1..N, dimensions, overall item mean, overall unweighted. */
  readonly parts: {
    readonly items: readonly number[];
    readonly dimensions: readonly number[];
    readonly itemMean: number;
    readonly unweighted: number;
  };
  readonly dimensionTally: readonly TallyCode[];
  readonly itemMeanTally: TallyCode;
}

/** The statements and their layout. */
export interface GapSqlPlan {
  readonly source: ResolvedSqlSource;
  /** The statements below as one (each in parentheses, joined by UNION ALL). */
  readonly text: string;
  /**
   * Statements that each compute a share of the result (validation counts; scores and item
   * sums; histograms; one per dimension with item covariance sums) and bind the same
   * parameters; their rows together are the result of `text`.
   */
  readonly statements: readonly string[];
  readonly parameters: readonly SqlValue[];
  /** The same statements over a temporary table of the decided answer cells. */
  readonly staged: GapSqlStagedPlan;
  readonly layout: GapSqlLayout;
}

/**
 * The staged form of the statements: `setup` (binding the plan's `parameters`) reads the
 * caller's rows once into the temporary table `table` (per answer cell its step index on the
 * scale grid, or −1 − (k + 4·blank + 8·not-applicable + 16·not-a-number) with k = 1 off the
 * scale, 2 off the step grid, 3 missing, packed several cells to an INTEGER column; per row the
 * code Σ 2^j of the exclusion reasons j that hold, and its blank and not-applicable counts);
 * `statements` (binding
 * `parameters`, the scale values alone) compute the shares from that table; `inexact` counts the
 * rows whose stored grid point differs from an answer as given (then the self-contained
 * statements keep the values exact); `cleanup` drops it.
 */
export interface GapSqlStagedPlan {
  readonly table: string;
  readonly setup: string;
  readonly statements: readonly string[];
  readonly parameters: readonly number[];
  /** Counts the rows with an answer within the tolerance of the grid but not on it exactly. */
  readonly inexact: string;
  readonly cleanup: string;
}

/** What the plan is built for. */
export interface GapPlanSpec {
  readonly instrument: Instrument;
  readonly required: "expectation" | "adequate" | "desired";
  readonly delivered: "perception";
  /** Keep the item covariance sums of each dimension (reliability). */
  readonly reliability: boolean;
  /** Key scale of the overall unweighted keys (a number: checked by the caller). */
  readonly unweightedScale: number;
  /** The name of the staged form's temporary table (default `servqual_gap_cells`). */
  readonly stageName?: string;
}

/** The aggregate list with the paired-moments sums of Gap 5. */
class Slots extends SqlSlots {
  /** The paired sums of two columns that are NULL (together) outside the rows summed. */
  pairOf(r: string, d: string): PairSlots {
    return {
      n: this.present(r),
      sumR: this.total(r),
      sumR2: this.total(`${r} * ${r}`),
      sumD: this.total(d),
      sumD2: this.total(`${d} * ${d}`),
      sumRD: this.total(`${r} * ${d}`),
    };
  }
  /** Where the next slot goes (the start or end of a statement's share of the slots). */
  mark(): number {
    return this.list.length;
  }
  pair(r: string, d: string, condition: string): PairSlots {
    return {
      n: this.count(condition),
      sumR: this.sum(r, condition),
      sumR2: this.sum(`(${r}) * (${r})`, condition),
      sumD: this.sum(d, condition),
      sumD2: this.sum(`(${d}) * (${d})`, condition),
      sumRD: this.sum(`(${r}) * (${d})`, condition),
    };
  }
}

/** Σ of terms, or 0. */
function plus(terms: readonly string[]): string {
  return terms.length === 0 ? "0" : `(${terms.join(" + ")})`;
}

/** A whole number written into the SQL text (derived from the instrument, never user text). */
function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return String(value);
}

/**
 * Builds the statement. Columns of the inner steps are named by the builder (`r0`, `e0`, …);
 * the caller's names appear only quoted, in the first step and the WHERE clause.
 */
export function buildGapPlan(spec: GapPlanSpec, source: ResolvedSqlSource): GapSqlPlan {
  const { instrument } = spec;
  const rules = DIALECTS[source.dialect];
  const D = rules.double;
  const scale = instrument.scale;
  const range = Math.round((scale.max - scale.min) / scale.step);
  const dims = instrument.dimensions;
  const sizes = dims.map((d) => d.items.length);
  const needed = sizes.map((k) => itemsNeeded(source.missingPolicy, k));
  const items = dims.flatMap((dimension, d) => dimension.items.map((item) => ({ item, d })));
  const itemsOf = (d: number) => items.flatMap((entry, i) => (entry.d === d ? [i] : []));
  const groups = source.groupBy.map((_, g) => `g${g}`);
  const groupList = groups.map((g) => `${g}, `).join("");

  // Parameters: the WHERE values first (the options resolved them as $1…$m), then the scale.
  const parameters: SqlValue[] = [...source.whereValues];
  /** The scale parameters alone, for the staged statements (which bind only these). */
  const scaleValues: number[] = [];
  const bind = (value: number) => {
    parameters.push(value);
    scaleValues.push(value);
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
    wtol: bind(source.weightTolerance),
    m: bind(spec.unweightedScale),
    hundred: bind(100),
  };

  // Step c: the caller's columns as doubles. With text cells (a CSV read as text), step t trims
  // them first and c reads the number grammar of validateResponses (DECIMAL_GRAMMAR); blanks and
  // not-applicable tokens are missing, other text is a rejected answer (`not-a-number`).
  const textCells = source.cells === "text";
  if (textCells) bindText("^-?(?:(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?|\\.[0-9]+)$"); // the parameter named grammar
  const tokens = textCells ? scale.notApplicable.map((token) => bindText(token.toUpperCase())) : [];
  const sources: [string, string][] = [];
  items.forEach(({ item }, i) => {
    sources.push([answerColumn(source, spec.required, item.id), `rr${i}`]);
    sources.push([answerColumn(source, spec.delivered, item.id), `rd${i}`]);
  });
  const weighted = source.weight !== null;
  if (weighted) {
    dims.forEach((dimension, d) => {
      sources.push([weightColumn(source, dimension.id) as string, `rw${d}`]);
    });
  }
  // Row-level exclusion flags from the source (blank and duplicate ids): xr0, xr1, …
  const rowReasons = source.rowReasons.map((reason, j) => `${reason.sql} AS xr${j}`);
  const rowReasonNames = source.rowReasons.map((_, j) => `xr${j}`);
  const groupCols = [...source.groupBy.map((g, i) => `${g.quoted} AS g${i}`), ...rowReasons];
  const tCols = [
    ...groupCols,
    ...sources.map(([name, as]) => `TRIM(CAST(${quote(name)} AS VARCHAR)) AS t${as}`),
  ];
  const cCols = textCells
    ? [
        ...groups,
        ...rowReasonNames,
        ...sources.flatMap(([, as]) => {
          const cell = `t${as}`;
          const number = rules.matches(cell, "grammar");
          const na =
            tokens.length === 0
              ? ""
              : ` AND UPPER(${cell}) NOT IN (${tokens.map((_, j) => `na${j}`).join(", ")})`;
          return [
            `CASE WHEN ${number} THEN CAST(${cell} AS ${D}) END AS ${as}`,
            `CASE WHEN ${cell} <> ''${na} AND NOT (${number}) THEN 1 ELSE 0 END AS n${as}`,
            `CASE WHEN ${cell} IS NULL OR ${cell} = '' THEN 1 ELSE 0 END AS b${as}`,
            tokens.length === 0
              ? `0 AS a${as}`
              : `CASE WHEN UPPER(${cell}) IN (${tokens.map((_, j) => `na${j}`).join(", ")}) THEN 1 ELSE 0 END AS a${as}`,
          ];
        }),
      ]
    : [
        ...groupCols,
        ...sources.flatMap(([name, as]) => [
          `CAST(${quote(name)} AS ${D}) AS ${as}`,
          `CASE WHEN ${quote(name)} IS NULL THEN 1 ELSE 0 END AS b${as}`,
          `0 AS a${as}`,
        ]),
      ];

  // Step k: each answer cell's fate, decided once: 0 on the scale grid, 1 off the scale,
  // 2 on the scale between its steps, NULL missing. Step x: answers on the scale grid
  // (reverse-keyed items recoded), rejected-cell flags.
  const kCols: string[] = ["c.*", ...Object.keys(params)];
  const xCols: string[] = [...groups];
  const onScale = (raw: string) => `${raw} >= lo AND ${raw} <= hi`;
  const onGrid = (raw: string) => `ABS((${raw} - lo) / st - ROUND((${raw} - lo) / st)) <= tol`;
  const validation = new Slots(D);
  const rejected: GapSqlLayout["validation"]["rejected"][number][] = [];
  items.forEach(({ item }, i) => {
    for (const [side, raw, facet] of [
      ["x", `rr${i}`, spec.required],
      ["y", `rd${i}`, spec.delivered],
    ] as const) {
      const value = item.reverse ? `lo + hi - ${raw}` : raw;
      const code = `k${side}${i}`;
      kCols.push(
        `CASE WHEN ${onScale(raw)} THEN CASE WHEN ${onGrid(raw)} THEN 0 ELSE 2 END WHEN ${raw} IS NOT NULL THEN 1 END AS ${code}`,
      );
      xCols.push(`CASE WHEN ${code} = 0 THEN ${value} END AS ${side}${i}`);
      xCols.push(`CASE WHEN ${code} = 1 THEN 1 ELSE 0 END AS o${side}${i}`);
      xCols.push(`CASE WHEN ${code} = 2 THEN 1 ELSE 0 END AS s${side}${i}`);
      const column = answerColumn(source, facet, item.id);
      if (textCells) {
        xCols.push(`n${raw} AS n${side}${i}`);
        rejected.push({ column, code: "not-a-number", slot: validation.sum(`n${side}${i}`) });
      }
      rejected.push({ column, code: "out-of-range", slot: validation.sum(`o${side}${i}`) });
      rejected.push({ column, code: "off-scale-step", slot: validation.sum(`s${side}${i}`) });
    }
  });
  xCols.push(...items.flatMap((_, i) => [`brr${i}`, `brd${i}`, `arr${i}`, `ard${i}`]));
  if (weighted) xCols.push(...dims.map((_, d) => `rw${d}`));
  if (weighted && textCells) xCols.push(...dims.map((_, d) => `nrw${d}`));
  xCols.push(...Object.keys(params), ...rowReasonNames);

  // Step a: per item "answered on both sides" (b), the gap (dg) and its steps (t), each written
  // once and read by name in the later steps (NULL arithmetic: dg and t are NULL unless both
  // sides are answered).
  const aCols: string[] = ["x.*"];
  items.forEach((_, i) => {
    aCols.push(`CASE WHEN x${i} IS NOT NULL AND y${i} IS NOT NULL THEN 1 ELSE 0 END AS b${i}`);
    aCols.push(`y${i} - x${i} AS dg${i}`);
    aCols.push(`ROUND((y${i} - x${i}) / st) AS t${i}`);
    aCols.push(`CASE WHEN x${i} IS NOT NULL AND y${i} IS NOT NULL THEN x${i} - sh END AS er${i}`);
    aCols.push(`CASE WHEN x${i} IS NOT NULL AND y${i} IS NOT NULL THEN y${i} - sh END AS ep${i}`);
  });

  // Step y: per dimension answered items and sums; what decides the row's fate.
  const yCols: string[] = ["a.*"];
  dims.forEach((_, d) => {
    const members = itemsOf(d);
    yCols.push(`${plus(members.map((i) => `b${i}`))} AS c${d}`);
    yCols.push(`${plus(members.map((i) => `COALESCE(er${i}, 0)`))} AS sr${d}`);
    yCols.push(`${plus(members.map((i) => `COALESCE(ep${i}, 0)`))} AS sd${d}`);
    yCols.push(`${plus(members.map((i) => `COALESCE(t${i}, 0)`))} AS st${d}`);
  });
  const anyAnswer = items
    .flatMap((_, i) => [`x${i} IS NOT NULL`, `y${i} IS NOT NULL`])
    .join(" OR ");
  yCols.push(`CASE WHEN ${anyAnswer} THEN 1 ELSE 0 END AS anyans`);
  yCols.push(`${plus(items.map((_, i) => `b${i}`))} AS nboth`);
  yCols.push(
    `${plus(items.flatMap((_, i) => [`ox${i}`, `sx${i}`, `oy${i}`, `sy${i}`, ...(textCells ? [`nx${i}`, `ny${i}`] : [])]))} AS nrejected`,
  );
  if (weighted) {
    yCols.push(`${plus(dims.map((_, d) => `CASE WHEN rw${d} IS NULL THEN 0 ELSE 1 END`))} AS wn`);
    yCols.push(
      `${plus(dims.map((_, d) => `CASE WHEN rw${d} < 0 OR rw${d} > hundred${textCells ? ` OR nrw${d} = 1` : ""} THEN 1 ELSE 0 END`))} AS wbad`,
    );
    yCols.push(`${plus(dims.map((_, d) => `COALESCE(rw${d}, 0)`))} AS wtotal`);
  }

  // Step z: the reasons a row is excluded (validateResponses' usability rules).
  const policy = source.missingPolicy;
  const reasonSql: Record<string, string> = { "no-answers": "anyans = 0" };
  source.rowReasons.forEach((reason, j) => {
    reasonSql[reason.code] = `xr${j} = 1`;
  });
  if (source.invalidAnswers === "exclude-row") reasonSql["rejected-answers"] = "nrejected > 0";
  const total = items.length;
  if (policy.kind === "listwise") {
    reasonSql["incomplete-listwise"] = `anyans = 1 AND nboth < ${int(total)}`;
  } else if (policy.kind === "minimum-share") {
    reasonSql["too-few-items"] =
      `anyans = 1 AND NOT (${dims.map((_, d) => `c${d} >= ${int(needed[d] as number)}`).join(" OR ")})`;
  } else {
    reasonSql["no-complete-item"] = "anyans = 1 AND nboth = 0";
  }
  const reasonNames = Object.keys(reasonSql);
  const zCols = [
    "y.*",
    ...reasonNames.map((name, j) => `CASE WHEN ${reasonSql[name]} THEN 1 ELSE 0 END AS why${j}`),
    `CASE WHEN ${reasonNames.map((_, j) => `${reasonSql[reasonNames[j] as string]}`).join(" OR ")} THEN 1 ELSE 0 END AS excluded`,
  ];
  const rowsIn = validation.count("1 = 1");
  const rowsExcluded = validation.count("excluded = 1");
  const reasons: Record<string, number> = {};
  reasonNames.forEach((name, j) => {
    reasons[name] = validation.count(`why${j} = 1`);
  });

  // Step u: used rows, with their dimension scores (shifted means, NULL when not scored).
  const uCols = ["z.*"];
  dims.forEach((_, d) => {
    const ok = `c${d} >= ${int(needed[d] as number)}`;
    uCols.push(`CASE WHEN ${ok} THEN sr${d} / c${d} END AS mr${d}`);
    uCols.push(`CASE WHEN ${ok} THEN sd${d} / c${d} END AS md${d}`);
    uCols.push(`CASE WHEN ${ok} THEN 1 ELSE 0 END AS k${d}`);
  });
  uCols.push(`${plus(dims.map((_, d) => `c${d}`))} AS allc`);
  uCols.push(`${plus(dims.map((_, d) => `sr${d}`))} AS allr`);
  uCols.push(`${plus(dims.map((_, d) => `sd${d}`))} AS alld`);
  uCols.push(`${plus(dims.map((_, d) => `st${d}`))} AS allt`);
  uCols.push(
    `${plus(dims.map((_, d) => `CASE WHEN c${d} >= ${int(needed[d] as number)} THEN 1 ELSE 0 END`))} AS scored`,
  );
  if (weighted) {
    const usable = `wn = ${int(dims.length)} AND wbad = 0 AND wtotal > 0 AND ${
      source.weightMismatch === "rescale" ? "1 = 1" : "ABS(wtotal - hundred) <= wtol"
    }`;
    uCols.push(`CASE WHEN ${usable} THEN 1 ELSE 0 END AS own`);
    dims.forEach((_, d) => {
      uCols.push(`CASE WHEN ${usable} THEN rw${d} / wtotal END AS w${d}`);
    });
  }

  // Step v: the respondent's overall scores.
  const vCols = ["u.*"];
  vCols.push(
    `${plus(dims.map((_, d) => `CASE WHEN k${d} = 1 THEN st${d} * (m / (scored * c${d})) ELSE 0 END`))} AS okey`,
  );
  vCols.push("CASE WHEN allc > 0 THEN allr / allc END AS imr");
  vCols.push("CASE WHEN allc > 0 THEN alld / allc END AS imd");
  // The mean of the scored dimensions (NULL without any).
  vCols.push(
    `CASE WHEN scored > 0 THEN ${plus(dims.map((_, d) => `COALESCE(mr${d}, 0)`))} / scored END AS our`,
  );
  vCols.push(
    `CASE WHEN scored > 0 THEN ${plus(dims.map((_, d) => `COALESCE(md${d}, 0)`))} / scored END AS oud`,
  );
  if (weighted) {
    vCols.push(`${plus(dims.map((_, d) => `w${d} * mr${d}`))} AS wr`);
    vCols.push(`${plus(dims.map((_, d) => `w${d} * md${d}`))} AS wd`);
  }

  // The sums (part 0).
  const sums = new Slots(D);
  const rowsUsed = sums.count("1 = 1");
  const blank = sums.sum(plus(items.flatMap((_, i) => [`brr${i}`, `brd${i}`])));
  const notApplicable = sums.sum(plus(items.flatMap((_, i) => [`arr${i}`, `ard${i}`])));
  const itemSlots = items.map((_, i) => sums.pairOf(`er${i}`, `ep${i}`));
  const dimensionSlots = dims.map((_, d) => sums.pairOf(`mr${d}`, `md${d}`));
  const unscored = dims.map((_, d) => sums.count(`k${d} = 0`));
  const itemMean = sums.pairOf("imr", "imd");
  const unweighted = sums.pairOf("our", "oud");
  const respondents = sums.present("our");
  const all = `scored = ${int(dims.length)}`;
  let weightedOwn: GapSqlLayout["weightedOwn"] = null;
  let fallback: GapSqlLayout["fallback"] = null;
  let weightSums: number[] | null = null;
  let weightRespondents: number | null = null;
  if (weighted) {
    const ownAll = `${all} AND own = 1`;
    weightedOwn = {
      ...sums.pair("wr", "wd", ownAll),
      negative: sums.count(`${ownAll} AND (wd - wr) / st < -tol`),
      zero: sums.count(`${ownAll} AND ABS((wd - wr) / st) <= tol`),
    };
    weightSums = dims.map((_, d) => sums.sum(`w${d}`, "scored > 0 AND own = 1"));
    weightRespondents = sums.count("scored > 0 AND own = 1");
    const fb = `${all} AND own = 0`;
    const square = (f: (d: number, e: number) => string) =>
      dims.flatMap((_, d) => dims.map((__, e) => sums.sum(f(d, e), fb)));
    fallback = {
      n: sums.count(fb),
      sumR: dims.map((_, d) => sums.sum(`mr${d}`, fb)),
      sumD: dims.map((_, d) => sums.sum(`md${d}`, fb)),
      crossGap: square((d, e) => `(md${d} - mr${d}) * (md${e} - mr${e})`),
      crossR: square((d, e) => `mr${d} * mr${e}`),
      crossD: square((d, e) => `md${d} * md${e}`),
    };
  }

  // Weight issues of used rows (as validateResponses records them).
  const weightIssues: Record<string, number> = {};
  if (weighted) {
    const n = int(dims.length);
    weightIssues["blank-weight"] = sums.count(`wn > 0 AND wn < ${n}`);
    weightIssues["bad-weight"] = sums.count("wbad > 0");
    const sumOff = `wn = ${n} AND wbad = 0 AND ABS(wtotal - hundred) > wtol`;
    weightIssues[source.weightMismatch === "rescale" ? "weights-rescaled" : "weights-sum"] =
      sums.count(source.weightMismatch === "rescale" ? `${sumOff} AND wtotal > 0` : sumOff);
  }

  const mainSlice = { offset: 0, length: sums.mark() };

  // Item covariance sums per dimension and facet (reliability), over per-row columns of steps w
  // and s: q<F><i> the shifted value (NULL = missing), qn<F><i₀> the items answered and
  // qt<F><i₀> the sum of their values (step w); cc<F><i> the value in a complete row, pq<F><i>
  // the value in a partly answered row and qs<F><i₀> that row's person score (step s; NULL
  // otherwise); i₀ is the dimension's first item. Each is written once; the sums read them by
  // name and let NULL stand for "not in this sum" (SUM and COUNT skip NULLs).
  const wColsOf: string[][] = dims.map(() => ["v.*"]);
  const sColsOf: string[][] = dims.map(() => ["w.*"]);
  const facetSlices: { offset: number; length: number }[] = [];
  const facetSlots = (F: string, members: readonly number[], shiftValue: number): FacetSlots => {
    const k = members.length;
    const count = `qn${F}${members[0]}`;
    const score = `qs${F}${members[0]}`;
    const cells = (f: (a: number, b: number) => number) =>
      members.flatMap((_, a) => members.map((__, b) => f(a, b)));
    const cc = (a: number) => `cc${F}${members[a]}`;
    const pq = (a: number) => `pq${F}${members[a]}`;
    /** The value when the other is there too (both answered in a partly answered row). */
    const alongside = (value: string, other: string) =>
      value === other ? value : `CASE WHEN ${other} IS NOT NULL THEN ${value} END`;
    return {
      nRows: sums.count("1 = 1"),
      nEmpty: sums.count(`${count} = 0`),
      nComplete: sums.count(`${count} = ${int(k)}`),
      ccSum: members.map((_, a) => sums.total(cc(a))),
      ccCross: cells((a, b) => (b >= a ? sums.total(`${cc(a)} * ${cc(b)}`) : -1)),
      pN: cells((a, b) => sums.present(alongside(pq(a), pq(b)))),
      pSum: cells((a, b) => sums.total(alongside(pq(a), pq(b)))),
      pSq: cells((a, b) => sums.total(alongside(`${pq(a)} * ${pq(a)}`, pq(b)))),
      pCross: cells((a, b) => (b > a ? sums.total(`${pq(a)} * ${pq(b)}`) : -1)),
      pScoreN: sums.present(score),
      pScoreSum: sums.total(score),
      pScoreSq: sums.total(`${score} * ${score}`),
      pScoreSumI: members.map((_, a) => sums.total(alongside(score, pq(a)))),
      pScoreSqI: members.map((_, a) => sums.total(alongside(`${score} * ${score}`, pq(a)))),
      pScoreCrossI: members.map((_, a) => sums.total(`${score} * ${pq(a)}`)),
      shift: shiftValue,
    };
  };
  const midpoint = (scale.min + scale.max) / 2;
  const facetColumns = (
    d: number,
    F: string,
    members: readonly number[],
    raw: (i: number) => string,
    shift: string,
  ) => {
    const k = members.length;
    const first = members[0] as number;
    const wCols = wColsOf[d] as string[];
    const sCols = sColsOf[d] as string[];
    for (const i of members) wCols.push(`${raw(i)} - ${shift} AS q${F}${i}`);
    const count = `qn${F}${first}`;
    wCols.push(
      `${plus(members.map((i) => `CASE WHEN ${raw(i)} IS NULL THEN 0 ELSE 1 END`))} AS ${count}`,
    );
    wCols.push(`${plus(members.map((i) => `COALESCE(${raw(i)}, 0)`))} AS qt${F}${first}`);
    const partial = `${count} > 0 AND ${count} < ${int(k)}`;
    sCols.push(
      `CASE WHEN ${partial} THEN qt${F}${first} / ${count} - ${shift} END AS qs${F}${first}`,
    );
    for (const i of members) {
      sCols.push(`CASE WHEN ${count} = ${int(k)} THEN q${F}${i} END AS cc${F}${i}`);
      sCols.push(`CASE WHEN ${partial} THEN q${F}${i} END AS pq${F}${i}`);
    }
  };
  const facets = dims.map((_, d) => {
    const members = itemsOf(d);
    if (!spec.reliability || members.length < 2) return null;
    facetColumns(d, "r", members, (i) => `x${i}`, "sh");
    facetColumns(d, "d", members, (i) => `y${i}`, "sh");
    facetColumns(d, "g", members, (i) => `dg${i}`, "0");
    const offset = sums.mark();
    const slots = {
      required: facetSlots("r", members, midpoint),
      delivered: facetSlots("d", members, midpoint),
      gap: facetSlots("g", members, 0),
    };
    facetSlices.push({ offset, length: sums.mark() - offset });
    return { slots, dimension: d };
  });

  // Histograms (parts ≥ 1): one grouping set per histogram.
  const histograms: string[] = [];
  const itemParts = items.map((_, i) => {
    histograms.push(`t${i}`);
    return histograms.length;
  });
  const dimensionTally = sizes.map((k) => ({ width: 2 * k * range + 1, offset: k * range }));
  const dimensionParts = dims.map((_, d) => {
    const { width, offset } = dimensionTally[d] as TallyCode;
    histograms.push(`CASE WHEN k${d} = 1 THEN c${d} * ${int(width)} + st${d} + ${int(offset)} END`);
    return histograms.length;
  });
  const itemMeanTally = { width: 2 * total * range + 1, offset: total * range };
  histograms.push(
    `CASE WHEN allc > 0 THEN allc * ${int(itemMeanTally.width)} + allt + ${int(itemMeanTally.offset)} END`,
  );
  const itemMeanPart = histograms.length;
  histograms.push("CASE WHEN scored > 0 THEN ROUND(okey) END");
  const unweightedPart = histograms.length;

  const hCols = histograms.map((h, j) => `${h} AS h${j + 1}`);
  // Step e: each row's histogram keys as rows (part, key), two arrays unnested side by side
  // (in step in both engines); one GROUP BY then counts them, a single small hash table.
  const eCols = [
    ...groups,
    `UNNEST(ARRAY[${histograms.map((_, j) => int(j + 1)).join(", ")}]) AS part`,
    `UNNEST(ARRAY[${histograms.map((_, j) => `CAST(h${j + 1} AS ${D})`).join(", ")}]) AS key`,
  ];
  const groupBy = groups.length === 0 ? "" : ` GROUP BY ${groups.join(", ")}`;
  const F = rules.fence;
  const S = rules.step;
  const step = (name: string, columns: readonly string[], from: string) =>
    `${name} AS ${S}(SELECT ${columns.join(", ")} FROM ${from}${F})`;
  /** Steps p, t, c and k: the caller's rows read, each answer cell's fate decided. */
  const head = [
    `p AS (SELECT ${[...Object.entries(params), ...textParams]
      .map(([name, sql]) => `${sql} AS ${name}`)
      .join(", ")}${F})`,
    ...(textCells
      ? [step("t", tCols, `${source.table}${source.where}`), step("c", cCols, "t CROSS JOIN p")]
      : [step("c", cCols, `${source.table}${source.where}`)]),
    step("k", kCols, "c CROSS JOIN p"),
  ];
  // The staged form: steps c…k run once into a temporary table of one value and one fate code
  // per answer cell; the statements then start from that table (stagedX) instead of the
  // caller's rows, with the scale parameters alone renumbered $1…$8.
  const stagedParams = Object.keys(params).map(
    (name, j) => `CAST(${rules.parameter(j + 1)} AS ${D}) AS ${name}`,
  );
  const stagedTable = quoteName("gapSql", "stage", spec.stageName ?? "servqual_gap_cells");
  // One small integer f per answer cell: the step index round((x − min)/step) ≥ 0 of an answer
  // on the grid (reverse-keyed items recoded), else −1 − (k + 4·blank + 8·not-applicable +
  // 16·not-a-number), k = 1 off the scale, 2 off the step grid, 3 missing. The cells are packed
  // into INTEGER columns, `bits` bits each (f + 32 ≥ 0): a DuckDB table allocates its storage
  // per column, so a few packed columns take a fraction of the memory of one column per cell.
  const tableCols: string[] = [...groups];
  const cellCodes: string[] = [];
  const cellNames: string[] = [];
  const stagedX: string[] = [...groups];
  // The statements after validation need only the rows' totals of blank and not-applicable
  // cells (kept in the table): their x step carries each total in the first cell's flag column
  // and 0 in the others, so the same sums read the same totals (rejected cells are not needed:
  // the row's fate is read from the table).
  const lightX: string[] = [...groups];
  const blankCells: string[] = [];
  const naCells: string[] = [];
  /** Answers on the grid within the tolerance but not exactly min + index·step. */
  const inexact: string[] = [];
  items.forEach(({ item }, i) => {
    for (const [side, raw] of [
      ["x", `rr${i}`],
      ["y", `rd${i}`],
    ] as const) {
      const value = item.reverse ? `lo + hi - ${raw}` : raw;
      const k = `k${side}${i}`;
      const fault = `COALESCE(${k}, 3) + 4 * b${raw} + 8 * a${raw}${textCells ? ` + 16 * n${raw}` : ""}`;
      const f = `f${side}${i}`;
      inexact.push(
        `CASE WHEN ${k} = 0 AND ${value} <> lo + ROUND((${value} - lo) / st) * st THEN 1 ELSE 0 END`,
      );
      cellCodes.push(
        `CASE WHEN ${k} = 0 THEN ROUND((${value} - lo) / st) ELSE -1 - (${fault}) END`,
      );
      cellNames.push(f);
      /** A fault bit: (−1 − f) mod m ≥ at (f < 0 only). */
      const bit = (m: number, test: string) =>
        `CASE WHEN ${f} < 0 AND MOD(-1 - ${f}, ${int(m)}) ${test} THEN 1 ELSE 0 END`;
      stagedX.push(`CASE WHEN ${f} >= 0 THEN lo + ${f} * st END AS ${side}${i}`);
      stagedX.push(`${bit(4, "= 1")} AS o${side}${i}`);
      stagedX.push(`${bit(4, "= 2")} AS s${side}${i}`);
      if (textCells) stagedX.push(`${bit(32, ">= 16")} AS n${side}${i}`);
      stagedX.push(`${bit(8, ">= 4")} AS b${raw}`);
      stagedX.push(`${bit(16, ">= 8")} AS a${raw}`);
      const first = i === 0 && side === "x";
      lightX.push(`CASE WHEN ${f} >= 0 THEN lo + ${f} * st END AS ${side}${i}`);
      lightX.push(`0 AS o${side}${i}`, `0 AS s${side}${i}`);
      if (textCells) lightX.push(`0 AS n${side}${i}`);
      lightX.push(`${first ? "nblank" : "0"} AS b${raw}`, `${first ? "nna" : "0"} AS a${raw}`);
      blankCells.push(`b${raw}`);
      naCells.push(`a${raw}`);
    }
  });
  // f + 32 lies in 0 … 32 + range; `per` cells share one INTEGER (31 bits).
  const bits = Math.max(1, Math.ceil(Math.log2(33 + range)));
  const per = Math.max(1, Math.floor(31 / bits));
  /** The stored columns the statements read, and how the r step decodes them. */
  const rCols: string[] = [...groups];
  for (let m = 0; m * per < cellCodes.length; m++) {
    const at = (p: number) => int(2 ** (bits * p));
    const members = cellCodes.slice(m * per, (m + 1) * per);
    tableCols.push(
      `CAST(${plus(members.map((code, p) => `(${code} + 32) * ${at(p)}`))} AS INTEGER) AS pk${m}`,
    );
    members.forEach((_, p) => {
      const shifted = (q: number) => `FLOOR(CAST(pk${m} AS ${D}) / ${at(q)})`;
      rCols.push(
        `CAST(${shifted(p)} - ${shifted(p + 1)} * ${int(2 ** bits)} - 32 AS INTEGER) AS ${cellNames[m * per + p]}`,
      );
    });
  }
  tableCols.push(`CAST(${plus(inexact)} AS ${rules.smallInt}) AS inexact`);
  tableCols.push(`CAST(${plus(blankCells)} AS ${rules.smallInt}) AS nblank`);
  tableCols.push(`CAST(${plus(naCells)} AS ${rules.smallInt}) AS nna`);
  if (weighted) {
    tableCols.push(...dims.map((_, d) => `rw${d}`));
    stagedX.push(...dims.map((_, d) => `rw${d}`));
    lightX.push(...dims.map((_, d) => `rw${d}`));
    if (textCells) {
      tableCols.push(...dims.map((_, d) => `CAST(nrw${d} AS ${rules.smallInt}) AS nrw${d}`));
      stagedX.push(...dims.map((_, d) => `nrw${d}`));
      lightX.push(...dims.map((_, d) => `nrw${d}`));
    }
  }
  // Each row's fate (excluded, and why) is decided once in the setup too: the statements read
  // it from the table instead of recomputing every item's answered flags, so a statement that
  // needs one dimension's items computes only those.
  // One code per row, Σ why_j·2^j (0: used).
  const fates = [...reasonNames.map((_, j) => `why${j}`), "excluded"];
  tableCols.push(
    `CAST(${plus(reasonNames.map((_, j) => `why${j} * ${int(2 ** j)}`))} AS ${rules.smallInt}) AS fate`,
  );
  rCols.push("nblank", "nna", "CASE WHEN fate > 0 THEN 1 ELSE 0 END AS excluded");
  reasonNames.forEach((_, j) => {
    const shifted = (q: number) => `FLOOR(CAST(fate AS ${D}) / ${int(2 ** q)})`;
    rCols.push(`CAST(${shifted(j)} - ${shifted(j + 1)} * 2 AS INTEGER) AS why${j}`);
  });
  if (weighted) rCols.push(...dims.map((_, d) => `rw${d}`));
  if (weighted && textCells) rCols.push(...dims.map((_, d) => `nrw${d}`));
  stagedX.push(...fates, ...Object.keys(params));
  lightX.push("excluded", ...Object.keys(params));
  // The setup's x step also carries the fate codes and the answers as read (for the table's
  // cells and the inexact check), which the statements' x step does not need.
  const setupX = [
    ...xCols,
    ...items.flatMap((_, i) => [`kx${i}`, `ky${i}`, `rr${i}`, `rd${i}`]),
    ...(textCells ? items.flatMap((_, i) => [`nrr${i}`, `nrd${i}`]) : []),
  ];
  /** The per-row steps up to z (every row), v (used rows, scored) or s (a dimension's facets). */
  const steps = (upTo: "z" | "v" | number, ...more: string[]) => {
    const list = [...head, step("x", xCols, "k"), ...rest(upTo)];
    return `WITH ${[...list, ...more].join(",\n")}\n`;
  };
  /** The same steps, reading the staged table. */
  const stagedSteps = (upTo: "z" | "v" | number, ...more: string[]) => {
    const list = [
      `p AS (SELECT ${stagedParams.join(", ")}${F})`,
      step("r", rCols, stagedTable),
      step("x", upTo === "z" ? stagedX : lightX, "r CROSS JOIN p"),
      ...rest(upTo, true),
    ];
    return `WITH ${[...list, ...more].join(",\n")}\n`;
  };
  /** The steps after x (with `decided`, z only passes on the fate read from the table). */
  const rest = (upTo: "z" | "v" | number, decided = false) => {
    const list = [
      step("a", aCols, "x"),
      step("y", yCols, "a"),
      step("z", decided ? ["y.*"] : zCols, "y"),
    ];
    if (upTo !== "z") {
      list.push(step("u", uCols, "z WHERE excluded = 0"), step("v", vCols, "u"));
    }
    if (typeof upTo === "number") {
      list.push(
        step("w", wColsOf[upTo] as string[], "v"),
        step("s", sColsOf[upTo] as string[], "w"),
      );
    }
    return list;
  };
  const slice = (range: { offset: number; length: number }) =>
    sums.list.slice(range.offset, range.offset + range.length);
  /** The statements, their steps written by `withSteps` (from the caller's rows or the table). */
  const shares = (withSteps: typeof steps): string[] => {
    const list = [
      `${withSteps("z")}SELECT ${groupList}-1 AS part, CAST(NULL AS ${D}) AS key, ${rules.array(validation.list)} AS v FROM z${groupBy}`,
      `${withSteps("v")}SELECT ${groupList}0 AS part, CAST(0 AS ${D}) AS key, ${rules.array(slice(mainSlice))} AS v FROM v${groupBy}`,
      `${withSteps("v", step("h", [...groups, ...hCols], "v"), step("e", eCols, "h"))}SELECT ${groupList}part, key, ${rules.array([`CAST(COUNT(*) AS ${D})`])} AS v FROM e WHERE key IS NOT NULL GROUP BY ${groupList}part, key`,
    ];
    facets.forEach((facet, d) => {
      if (facet === null) return;
      const range = facetSlices[list.length - 3] as { offset: number; length: number };
      list.push(
        `${withSteps(d)}SELECT ${groupList}0 AS part, CAST(${int(range.offset)} AS ${D}) AS key, ${rules.array(slice(range))} AS v FROM s${groupBy}`,
      );
    });
    return list;
  };
  const statements = shares(steps);
  const staged: GapSqlStagedPlan = {
    table: stagedTable,
    setup: `CREATE OR REPLACE TEMPORARY TABLE ${stagedTable} AS WITH ${[...head, step("x", setupX, "k"), ...rest("z")].join(",\n")}\nSELECT ${tableCols.join(", ")} FROM z`,
    statements: shares(stagedSteps),
    parameters: scaleValues,
    inexact: `SELECT COUNT(*) AS inexact FROM ${stagedTable} WHERE inexact > 0`,
    cleanup: `DROP TABLE IF EXISTS ${stagedTable}`,
  };
  const text = statements.map((statement) => `(${statement})`).join("\nUNION ALL\n");

  return {
    source,
    text,
    statements,
    parameters,
    staged,
    layout: {
      slots: sums.list.length,
      items: itemSlots,
      dimensions: dimensionSlots,
      unscored,
      itemMean,
      unweighted,
      respondents,
      rowsUsed,
      blank,
      notApplicable,
      weightedOwn,
      fallback,
      weightSums,
      weightRespondents,
      facets: facets.map((facet) => facet?.slots ?? null),
      sumSlices: [mainSlice, ...facetSlices],
      validation: {
        slots: validation.list.length,
        rowsIn,
        rowsExcluded,
        reasons,
        rejected,
        weightIssues,
      },
      parts: {
        items: itemParts,
        dimensions: dimensionParts,
        itemMean: itemMeanPart,
        unweighted: unweightedPart,
      },
      dimensionTally,
      itemMeanTally,
    },
  };
}

/** Quotes a column name built from a template. */
function quote(name: string): string {
  return quoteName("gapSql", "columns", name);
}
