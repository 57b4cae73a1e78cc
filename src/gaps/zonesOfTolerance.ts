import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkRows } from "../responses/rowSelection";
import { scoreSides } from "../responses/scoreSides";
import type { AnswerColumn, Dataset } from "../responses/types";
import { finishGaps, type GapTables } from "./finishGaps";
import { accumulateGaps, createGapAccumulator } from "./gapAccumulator";

/** Where perceived service sits against one zone of tolerance, counted over respondents. */
export interface ZonePosition {
  /** Respondents with adequate, desired and perceived all answered. */
  readonly n: number;
  readonly adequate: number | null;
  readonly desired: number | null;
  readonly perception: number | null;
  /** Mean zone width D − A. */
  readonly width: number | null;
  /** P < A: service below the adequate level. */
  readonly below: number;
  /** A ≤ P ≤ D. */
  readonly within: number;
  /** P > D: service above the desired level. */
  readonly above: number;
  /** A > D: an inverted zone (a logical inconsistency), not placed in below/within/above. */
  readonly inverted: number;
  readonly shareBelow: number | null;
  readonly shareWithin: number | null;
  readonly shareAbove: number | null;
  /** Mean of (P − A)/(D − A) over respondents with D > A: 0 at the adequate level, 1 at desired. */
  readonly relativePosition: number | null;
}

/** Zones of tolerance: MSA and MSS tables and the zone positions per item and dimension. */
export interface ZonesOfToleranceResult {
  readonly kind: "zones-of-tolerance";
  readonly unit: "scale points";
  readonly sign: "perception − adequate (MSA) and perception − desired (MSS); negative = shortfall";
  /** Measure of service adequacy, MSA = P − A. */
  readonly msa: GapTables<"adequate", "perception">;
  /** Measure of service superiority, MSS = P − D. */
  readonly mss: GapTables<"desired", "perception">;
  readonly items: readonly ({
    readonly item: string;
    readonly label: string;
    readonly dimension: string;
  } & ZonePosition)[];
  readonly dimensions: readonly ({
    readonly dimension: string;
    readonly label: string;
  } & ZonePosition)[];
  /** Respondents with at least one inverted item zone (A > D). */
  readonly respondentsWithInversions: number;
  readonly warnings: readonly Notice[];
}

/** Options of {@link zonesOfTolerance}. */
export interface ZonesOfToleranceOptions {
  /** Confidence level of the MSA and MSS intervals (default 0.95). */
  readonly level?: number;
  /** Respondents to analyse, as row indices (a row listed twice counts twice); default all. */
  readonly rows?: Int32Array;
}

const ZONES_OPTIONS = optionNames<ZonesOfToleranceOptions>({ level: true, rows: true });

/**
 * Zones of tolerance for three-column data (adequate, desired, perceived): MSA = P − A and
 * MSS = P − D at item, dimension and overall level (as {@link gap5} does for P − E), and the
 * position of perceived service against each respondent's zone: below (P < A), within
 * (A ≤ P ≤ D) or above (P > D), with shares. At dimension level the respondent's dimension
 * means of A, D and P are compared (items answered on all three columns, under the dataset's
 * missing-data policy). Inverted zones (A > D) are counted, not placed.
 *
 * Reference: Zeithaml, Berry & Parasuraman (1993), JAMS 21(1):1–12; Parasuraman, Zeithaml &
 * Berry (1994), J. Retailing 70(3):201–230.
 *
 * @param dataset - A dataset of a `tolerance` instrument.
 * @param options - `level` of the intervals (default 0.95), `rows` (a selection of respondents).
 * @throws {ServqualError} `invalid-input` when the dataset is not three-column data.
 *
 * @example
 * const zones = zonesOfTolerance(validateResponses(rows, instruments.servqual22Tolerance).dataset);
 * zones.dimensions[0].shareBelow //=> 0.12
 */
export function zonesOfTolerance(
  dataset: Dataset,
  options: ZonesOfToleranceOptions = {},
): ZonesOfToleranceResult {
  expectShape("zonesOfTolerance", "dataset", dataset, shapes.dataset);
  checkOptionKeys("zonesOfTolerance", options, ZONES_OPTIONS);
  const rows = checkRows("zonesOfTolerance", options.rows, dataset.n);
  const adequate = dataset.facets.adequate;
  const desired = dataset.facets.desired;
  const perception = dataset.facets.perception;
  if (adequate === undefined || desired === undefined || perception === undefined) {
    throw new ServqualError("invalid-input", "Zones of tolerance need three-column data.", [
      {
        code: "missing-facet",
        message: `zones of tolerance need adequate, desired and perceived answers; the instrument "${dataset.instrument.name}" has the format "${dataset.instrument.format}"`,
      },
    ]);
  }
  const level = options.level ?? 0.95;
  const { instrument, missingPolicy } = dataset;
  /** Perceived service against one tolerance level: MSA (adequate) or MSS (desired). */
  const gapTo = <R extends "adequate" | "desired">(required: R) =>
    finishGaps(
      accumulateGaps(createGapAccumulator(instrument, required, "perception"), dataset, rows ?? 0),
      instrument,
      missingPolicy,
      { required, delivered: "perception" },
      level,
    );
  const msa = gapTo("adequate");
  const mss = gapTo("desired");

  const n = rows === null ? dataset.n : rows.length;
  const inverted = new Uint8Array(n);
  const items: ZonesOfToleranceResult["items"][number][] = [];
  let itemIndex = 0;
  for (const dimension of instrument.dimensions) {
    for (const item of dimension.items) {
      const tally = createTally();
      const a = adequate[itemIndex] as AnswerColumn;
      const d = desired[itemIndex] as AnswerColumn;
      const p = perception[itemIndex] as AnswerColumn;
      for (let i = 0; i < n; i++) {
        const r = rows === null ? i : (rows[i] as number);
        const av = a[r] as number;
        const dv = d[r] as number;
        const pv = p[r] as number;
        if (Number.isNaN(av) || Number.isNaN(dv) || Number.isNaN(pv)) continue;
        addToTally(tally, av, dv, pv);
        if (av > dv) inverted[i] = 1;
      }
      items.push({
        item: item.id,
        label: item.label,
        dimension: dimension.id,
        ...finishTally(tally),
      });
      itemIndex += 1;
    }
  }
  // Dimension means of A, D and P over the items answered on all three (the scoring kernel).
  const { scores } = scoreSides(
    dataset,
    ["adequate", "desired", "perception"],
    rows,
    "zones of tolerance",
  );
  const [scoreA, scoreD, scoreP] = scores as [Float64Array[], Float64Array[], Float64Array[]];
  const dimensions = instrument.dimensions.map((dimension, k) => {
    const tally = createTally();
    const sa = scoreA[k] as Float64Array;
    const sd = scoreD[k] as Float64Array;
    const sp = scoreP[k] as Float64Array;
    for (let i = 0; i < n; i++) {
      const av = sa[i] as number;
      if (!Number.isNaN(av)) addToTally(tally, av, sd[i] as number, sp[i] as number);
    }
    return { dimension: dimension.id, label: dimension.label, ...finishTally(tally) };
  });
  const respondentsWithInversions = inverted.reduce((total, flag) => total + flag, 0);
  const warnings = invertedZoneWarnings(respondentsWithInversions);
  return {
    kind: "zones-of-tolerance",
    unit: "scale points",
    sign: "perception − adequate (MSA) and perception − desired (MSS); negative = shortfall",
    msa,
    mss,
    items,
    dimensions,
    respondentsWithInversions,
    warnings,
  };
}

/**
 * The warning of {@link zonesOfTolerance} about respondents with an inverted zone (A > D).
 *
 * @internal
 * @example
 * invertedZoneWarnings(0) //=> []
 */
export function invertedZoneWarnings(respondentsWithInversions: number): Notice[] {
  if (respondentsWithInversions === 0) return [];
  return [
    notice(
      "inverted-zone",
      `${respondentsWithInversions} respondent(s) rated an adequate level above the desired level for at least one item (an inverted zone); such answers are counted as inverted and not placed in the zone`,
    ),
  ];
}

/** @internal The sums behind one {@link ZonePosition}. */
export interface Tally {
  n: number;
  sumA: number;
  sumD: number;
  sumP: number;
  below: number;
  within: number;
  above: number;
  inverted: number;
  relativeSum: number;
  relativeCount: number;
}

function createTally(): Tally {
  return {
    n: 0,
    sumA: 0,
    sumD: 0,
    sumP: 0,
    below: 0,
    within: 0,
    above: 0,
    inverted: 0,
    relativeSum: 0,
    relativeCount: 0,
  };
}

function addToTally(tally: Tally, a: number, d: number, p: number) {
  tally.n += 1;
  tally.sumA += a;
  tally.sumD += d;
  tally.sumP += p;
  if (a > d) {
    tally.inverted += 1;
    return;
  }
  if (p < a) tally.below += 1;
  else if (p > d) tally.above += 1;
  else tally.within += 1;
  if (d > a) {
    tally.relativeSum += (p - a) / (d - a);
    tally.relativeCount += 1;
  }
}

/**
 * @internal A {@link ZonePosition} from its sums: means over n, shares over the placed
 * (non-inverted) answers, the relative position over those with D > A.
 *
 * @example
 * finishTally({ n: 1, sumA: 3, sumD: 5, sumP: 4, below: 0, within: 1, above: 0, inverted: 0, relativeSum: 0.5, relativeCount: 1 }).relativePosition //=> 0.5
 */
export function finishTally(tally: Tally): ZonePosition {
  const { n } = tally;
  const placed = n - tally.inverted;
  return {
    n,
    adequate: n > 0 ? tally.sumA / n : null,
    desired: n > 0 ? tally.sumD / n : null,
    perception: n > 0 ? tally.sumP / n : null,
    width: n > 0 ? (tally.sumD - tally.sumA) / n : null,
    below: tally.below,
    within: tally.within,
    above: tally.above,
    inverted: tally.inverted,
    shareBelow: placed > 0 ? tally.below / placed : null,
    shareWithin: placed > 0 ? tally.within / placed : null,
    shareAbove: placed > 0 ? tally.above / placed : null,
    relativePosition: tally.relativeCount > 0 ? tally.relativeSum / tally.relativeCount : null,
  };
}
