import { type Interval, interval } from "../_lib/interval";
import type { GapAccumulator } from "../gaps/gapAccumulator";
import type { Instrument } from "../instrument/types";
import { studentTQuantile } from "../stats/distributions/studentTQuantile";
import { type PairMoments, pairMeansAndVariances } from "../stats/pairedAccumulator";

/**
 * One figure of a cell: Gap 5 of an item, a dimension or overall among the cell's respondents.
 * A figure resting on fewer than `minimumN` respondents is suppressed: every value null and
 * `suppressed` true (its n is still given).
 */
export interface CellFigure {
  /** Item id, dimension id, or "overall". */
  readonly id: string;
  /** Respondents behind the figure (answered both sides / had the score). */
  readonly n: number;
  readonly suppressed: boolean;
  /** Mean expectation and perception (dimension and overall: of respondent scores). */
  readonly expectation: number | null;
  readonly perception: number | null;
  /** Mean gap P − E, its SD (n − 1) and t interval. */
  readonly gap: number | null;
  readonly sd: number | null;
  readonly ci: Interval;
  /** Variance of the expectations (n − 1), for drift and comparisons. */
  readonly expectationSd: number | null;
}

/** The figures of a cell. */
export interface CellFigures {
  readonly items: readonly CellFigure[];
  readonly dimensions: readonly CellFigure[];
  /** Overall: each respondent's mean of dimension scores, averaged (gap5's `overall.unweighted`). */
  readonly overall: CellFigure;
}

/** t quantiles by degrees of freedom, for one confidence level (many cells share an n). */
export type QuantileCache = Map<number, number>;

/**
 * A figure from pair moments, with the values gap5 gives: mean ± t₁₋α/₂,n−1·SD/√n (the
 * interval is null when the gaps are essentially constant, as pairedTTestFromSummary rules).
 */
export function figureOf(
  id: string,
  moments: PairMoments,
  shift: number,
  minimumN: number,
  level: number,
  quantiles: QuantileCache = new Map(),
): CellFigure {
  const { n, meanR, meanD, meanGap, varR, varGap } = pairMeansAndVariances(moments, shift);
  if (n < minimumN) {
    return {
      id,
      n,
      suppressed: true,
      expectation: null,
      perception: null,
      gap: null,
      sd: null,
      ci: interval(level, null, null, "t"),
      expectationSd: null,
    };
  }
  const sd = varGap === null ? null : Math.sqrt(varGap);
  let lower: number | null = null;
  let upper: number | null = null;
  if (sd !== null && meanGap !== null) {
    const stderr = sd / Math.sqrt(n);
    if (stderr > 10 * Number.EPSILON * Math.abs(meanGap)) {
      let q = quantiles.get(n - 1);
      if (q === undefined) {
        q = studentTQuantile(1 - (1 - level) / 2, n - 1);
        quantiles.set(n - 1, q);
      }
      lower = meanGap - q * stderr;
      upper = meanGap + q * stderr;
    }
  }
  return {
    id,
    n,
    suppressed: false,
    expectation: meanR,
    perception: meanD,
    gap: meanGap,
    sd,
    ci: interval(level, lower, upper, "t"),
    expectationSd: varR === null ? null : Math.sqrt(varR),
  };
}

/** Every figure of a cell's accumulator. */
export function cellFigures(
  accumulator: GapAccumulator,
  instrument: Instrument,
  minimumN: number,
  level: number,
  quantiles: QuantileCache = new Map(),
): CellFigures {
  const shift = accumulator.shift;
  const items = instrument.dimensions
    .flatMap((dimension) => dimension.items.map((item) => item.id))
    .map((id, i) =>
      figureOf(id, accumulator.items[i] as PairMoments, shift, minimumN, level, quantiles),
    );
  const dimensions = instrument.dimensions.map((dimension, d) =>
    figureOf(
      dimension.id,
      accumulator.dimensions[d] as PairMoments,
      shift,
      minimumN,
      level,
      quantiles,
    ),
  );
  return {
    items,
    dimensions,
    overall: figureOf("overall", accumulator.overallUnweighted, shift, minimumN, level, quantiles),
  };
}
