import { deepFreeze } from "../_lib/deepFreeze";
import { checkOptionKeys, expectOneOf, expectShape, optionNames, shapes } from "../_lib/guards";
import { IssueLog, type IssueLogSummary } from "../_lib/issueLog";
import { notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { itemsNeeded } from "./itemsNeeded";
import type {
  AnswerColumn,
  CovariateColumn,
  Dataset,
  PopulationColumn,
  SegmentColumn,
} from "./types";

/** Options of {@link joinWaves}. */
export interface JoinWavesOptions {
  /** How many issues are listed in full (default 1000; all are counted). */
  readonly issueLimit?: number;
  /** How many excluded respondents are listed (default 1000; all are counted). */
  readonly excludedLimit?: number;
}

/** One wave's respondents in a join. */
export interface WaveCount {
  /** Respondents of the wave's dataset. */
  readonly rows: number;
  /** Respondents with a row in the other wave. */
  readonly matched: number;
  /** Respondents without one (each excluded with `unmatched-respondent`). */
  readonly unmatched: number;
}

/**
 * What {@link joinWaves} found. Per wave: rows = matched + unmatched. Matched pairs are used
 * (`rowsUsed`) unless the pair answers too few items on both sides for the missing-data policy
 * (`too-few-items`). `rowsIn = rowsUsed + rowsExcluded` counts respondents: every matched pair
 * once and every unmatched respondent of either wave once.
 */
export interface WaveJoinReport extends IssueLogSummary {
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly expectations: WaveCount;
  readonly perceptions: WaveCount;
}

/** What {@link joinWaves} returns: a dataset gap5 takes and the join's report. */
export interface JoinedWaves {
  readonly dataset: Dataset;
  readonly report: WaveJoinReport;
}

const OPTIONS = optionNames<JoinWavesOptions>({ issueLimit: true, excludedLimit: true });

/**
 * The instrument one wave of a two-wave survey is read with: the customer instrument's items,
 * dimensions, scale and reverse keys, asking only expectations (before the visit) or only
 * perceptions (after it).
 *
 * @param instrument - The customer instrument (e.g. `instruments.servqual22`).
 * @param facet - `"expectation"` or `"perception"`.
 * @returns Its frozen single-facet twin (same id).
 *
 * @example
 * waveInstrument(instruments.servqual22, "expectation").format //=> "expectation-only"
 */
export function waveInstrument(
  instrument: Instrument,
  facet: "expectation" | "perception",
): Instrument {
  expectShape("waveInstrument", "instrument", instrument, shapes.instrument);
  expectOneOf("waveInstrument", "facet", facet, ["expectation", "perception"]);
  const format = facet === "expectation" ? "expectation-only" : "perception-only";
  if (instrument.format === format) return instrument;
  return deepFreeze({ ...instrument, format });
}

/**
 * Joins a two-wave survey into one dataset: expectations asked before a visit (one dataset,
 * read with `waveInstrument(instrument, "expectation")`) and perceptions asked after it
 * (another, read with `waveInstrument(instrument, "perception")`), matched by respondent id.
 * The result is an `expectation-perception` dataset that `gap5` and every other analysis take.
 *
 * - Respondents are matched on their id; within each wave the existing rule has already
 *   excluded later rows repeating an id (`duplicate-id`), so each id is one respondent.
 * - A respondent found in one wave only is excluded with `unmatched-respondent`, naming the
 *   wave, its row and id; counted per wave (`expectations.unmatched`, `perceptions.unmatched`).
 * - A matched pair is kept when some dimension has enough items answered on both sides for the
 *   expectation wave's missing-data policy, else excluded with `too-few-items`.
 * - The joined rows follow the expectation wave's order; `sourceRows` are its rows. Importance
 *   points come from the expectation wave (else the perception wave); dates from the perception
 *   wave (the visit; else the expectation wave); segments, covariates and population from the
 *   expectation wave, plus the perception wave's segments and covariates of other names.
 *
 * @param expectations - The pre-visit wave (a dataset with expectation answers and ids).
 * @param perceptions - The post-visit wave (a dataset with perception answers and ids).
 * @param options - `issueLimit`, `excludedLimit`.
 * @returns The joined dataset and the join report.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when a wave lacks its answers
 *   (`absent-facet`) or ids (`no-id-column`), the waves are on different instruments
 *   (`instrument-mismatch`) or scales (`scale-mismatch`); `no-usable-rows` when no pair is kept.
 *
 * @example
 * const before = validateResponses(preRows, waveInstrument(instruments.servqual22, "expectation"));
 * const after = validateResponses(postRows, waveInstrument(instruments.servqual22, "perception"));
 * const { dataset, report } = joinWaves(before.dataset, after.dataset);
 * report.expectations.unmatched //=> 3
 * gap5(dataset).overall.unweighted.gap.mean //=> -0.8
 */
export function joinWaves(
  expectations: Dataset,
  perceptions: Dataset,
  options: JoinWavesOptions = {},
): JoinedWaves {
  const fn = "joinWaves";
  expectShape(fn, "expectations", expectations, shapes.dataset);
  expectShape(fn, "perceptions", perceptions, shapes.dataset);
  checkOptionKeys(fn, options, OPTIONS);
  const limits = {
    issueLimit: count(fn, "issueLimit", options.issueLimit),
    excludedLimit: count(fn, "excludedLimit", options.excludedLimit),
  };
  const e = expectations.facets.expectation;
  const p = perceptions.facets.perception;
  checkWaves(expectations, perceptions, e, p);
  const before = expectations;
  const after = perceptions;
  const log = new IssueLog(limits);
  const afterRow = new Map<string, number>();
  for (let r = 0; r < after.n; r++) afterRow.set(after.ids[r] as string, r);

  const instrument = deepFreeze({
    ...before.instrument,
    format: "expectation-perception" as const,
  });
  const policy = before.missingPolicy;
  const sizes = instrument.dimensions.map((d) => d.items.length);
  const needed = sizes.map((k) => itemsNeeded(policy, k));
  const pairs: [number, number][] = [];
  const matchedAfter = new Uint8Array(after.n);
  let matched = 0;
  for (let r = 0; r < before.n; r++) {
    const id = before.ids[r] as string;
    const other = afterRow.get(id);
    const origin = { row: before.sourceRows[r] as number, id };
    if (other === undefined) {
      const reason = `respondent ${JSON.stringify(id)} answered the expectation wave (row ${origin.row}) but has no row in the perception wave`;
      log.exclude({ ...origin, reasons: [notice("unmatched-respondent", reason)] });
      continue;
    }
    matched += 1;
    matchedAfter[other] = 1;
    if (!usable(e as AnswerColumnSet, p as AnswerColumnSet, r, other, sizes, needed)) {
      const reason = `respondent ${JSON.stringify(id)} (expectation row ${origin.row}, perception row ${after.sourceRows[other]}) has no dimension with enough items answered in both waves for the missing-data policy`;
      log.exclude({ ...origin, reasons: [notice("too-few-items", reason)] });
      continue;
    }
    pairs.push([r, other]);
  }
  for (let r = 0; r < after.n; r++) {
    if (matchedAfter[r] === 1) continue;
    const id = after.ids[r] as string;
    const row = after.sourceRows[r] as number;
    const reason = `respondent ${JSON.stringify(id)} answered the perception wave (row ${row}) but has no row in the expectation wave`;
    log.exclude({ row, id, reasons: [notice("unmatched-respondent", reason)] });
  }
  const summary = log.summary();
  const report: WaveJoinReport = {
    ...summary,
    rowsIn: pairs.length + summary.rowsExcluded,
    rowsUsed: pairs.length,
    expectations: { rows: before.n, matched, unmatched: before.n - matched },
    perceptions: { rows: after.n, matched, unmatched: after.n - matched },
  };
  if (pairs.length === 0) {
    throw new ServqualError("no-usable-rows", `${fn}: no respondent answered both waves.`, [
      {
        code: "unmatched-respondent",
        message: `${before.n} expectation and ${after.n} perception respondents, ${matched} matched by id, ${pairs.length} usable`,
      },
    ]);
  }
  return { dataset: joinedDataset(instrument, before, after, pairs), report };
}

type AnswerColumnSet = readonly AnswerColumn[];

function count(fn: string, name: string, value: number | undefined): number {
  if (value === undefined) return 1000;
  if (!Number.isInteger(value) || value < 0) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      { code: "invalid-count", message: `${name} must be a whole number ≥ 0`, path: [name] },
    ]);
  }
  return value;
}

function checkWaves(
  before: Dataset,
  after: Dataset,
  e: AnswerColumnSet | undefined,
  p: AnswerColumnSet | undefined,
): void {
  const issues: Issue[] = [];
  if (e === undefined) {
    issues.push({
      code: "absent-facet",
      message: `the expectation wave (format "${before.instrument.format}") has no expectation answers`,
      path: ["expectations"],
    });
  }
  if (p === undefined) {
    issues.push({
      code: "absent-facet",
      message: `the perception wave (format "${after.instrument.format}") has no perception answers`,
      path: ["perceptions"],
    });
  }
  const a = before.instrument.scale;
  const b = after.instrument.scale;
  if (a.min !== b.min || a.max !== b.max || a.step !== b.step) {
    issues.push({
      code: "scale-mismatch",
      message: `expectations are on ${a.min}–${a.max} (step ${a.step}) but perceptions on ${b.min}–${b.max} (step ${b.step})`,
      path: ["perceptions", "instrument", "scale"],
    });
  }
  const layout = (d: Dataset) =>
    d.instrument.dimensions.map((x) => `${x.id}:${x.items.map((i) => i.id).join(",")}`).join(";");
  if (layout(before) !== layout(after)) {
    issues.push({
      code: "instrument-mismatch",
      message: `the waves are not on the same dimensions and items ("${before.instrument.id}" vs "${after.instrument.id}"); read both with waveInstrument of one instrument`,
      path: ["perceptions", "instrument"],
    });
  }
  for (const [wave, data] of [
    ["expectations", before],
    ["perceptions", after],
  ] as const) {
    if (data.n > 0 && data.ids.every((id, r) => id === `row-${data.sourceRows[r]}`)) {
      issues.push({
        code: "no-id-column",
        message: `the ${wave} wave has no respondent ids (every id is generated from its row), so it cannot be joined; give the id column (options.columns.id)`,
        path: [wave],
      });
    }
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", "joinWaves: the two waves cannot be joined.", issues);
  }
}

/** True when some dimension has enough items answered on both sides. */
function usable(
  e: AnswerColumnSet,
  p: AnswerColumnSet,
  r: number,
  s: number,
  sizes: readonly number[],
  needed: readonly number[],
): boolean {
  let i = 0;
  for (let d = 0; d < sizes.length; d++) {
    let both = 0;
    for (let k = 0; k < (sizes[d] as number); k++, i++) {
      if (!Number.isNaN((e[i] as AnswerColumn)[r]) && !Number.isNaN((p[i] as AnswerColumn)[s])) {
        both += 1;
      }
    }
    if (both >= (needed[d] as number)) return true;
  }
  return false;
}

function joinedDataset(
  instrument: Instrument,
  before: Dataset,
  after: Dataset,
  pairs: readonly [number, number][],
): Dataset {
  const n = pairs.length;
  const pick = <T extends AnswerColumn | Float64Array>(column: T, side: 0 | 1): T => {
    const out = new (column.constructor as { new (length: number): T })(n);
    for (let j = 0; j < n; j++) out[j] = column[(pairs[j] as [number, number])[side]] as number;
    return out;
  };
  const pickAll = <T extends AnswerColumn | Float64Array>(columns: readonly T[], side: 0 | 1) =>
    columns.map((c) => pick(c, side));
  const labels = (values: readonly (string | null)[], side: 0 | 1) =>
    pairs.map((pair) => values[pair[side]] ?? null);
  const segments: SegmentColumn[] = [
    ...before.segments.map((s) => ({ name: s.name, values: labels(s.values, 0) })),
    ...after.segments
      .filter((s) => !before.segments.some((o) => o.name === s.name))
      .map((s) => ({ name: s.name, values: labels(s.values, 1) })),
  ];
  const covariates: CovariateColumn[] = [
    ...before.covariates.map((c) => ({ name: c.name, values: pick(c.values, 0) })),
    ...after.covariates
      .filter((c) => !before.covariates.some((o) => o.name === c.name))
      .map((c) => ({ name: c.name, values: pick(c.values, 1) })),
  ];
  const population: PopulationColumn | null =
    before.population === null
      ? null
      : {
          column: before.population.column,
          labels: before.population.labels,
          codes: Uint8Array.from(pairs, ([r]) => before.population?.codes[r] as number),
        };
  const weightsSide = before.weights !== null ? 0 : 1;
  const weights = before.weights ?? after.weights;
  const importanceSide = before.importance !== null ? 0 : 1;
  const importance = before.importance ?? after.importance;
  const datesSide = after.dates !== null ? 1 : 0;
  const dates = after.dates ?? before.dates;
  return {
    instrument,
    n,
    ids: pairs.map(([r]) => before.ids[r] as string),
    sourceRows: Int32Array.from(pairs, ([r]) => before.sourceRows[r] as number),
    facets: {
      expectation: pickAll(before.facets.expectation as AnswerColumnSet, 0),
      perception: pickAll(after.facets.perception as AnswerColumnSet, 1),
    },
    weights: weights === null ? null : pickAll(weights, weightsSide),
    importance: importance === null ? null : pickAll(importance, importanceSide),
    dates: dates === null ? null : pick(dates, datesSide),
    segments,
    covariates,
    population,
    missingPolicy: before.missingPolicy,
  };
}
