import { type Interval, interval } from "../_lib/interval";
import type { GapAccumulator } from "../gaps/gapAccumulator";
import type { Instrument } from "../instrument/types";
import { type PairMoments, pairMeansAndVariances } from "../stats/pairedAccumulator";
import { pairedTTestFromSummary } from "../stats/pairedTTestFromSummary";

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

/** A figure from pair moments (values as gap5 computes them). */
export function figureOf(
  id: string,
  moments: PairMoments,
  shift: number,
  minimumN: number,
  level: number,
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
  const test = pairedTTestFromSummary({ n, mean: meanGap, sd }, { level });
  return {
    id,
    n,
    suppressed: false,
    expectation: meanR,
    perception: meanD,
    gap: meanGap,
    sd,
    ci: interval(level, test.ci.lower, test.ci.upper, "t"),
    expectationSd: varR === null ? null : Math.sqrt(varR),
  };
}

/** Every figure of a cell's accumulator. */
export function cellFigures(
  accumulator: GapAccumulator,
  instrument: Instrument,
  minimumN: number,
  level: number,
): CellFigures {
  const shift = accumulator.shift;
  const items = instrument.dimensions
    .flatMap((dimension) => dimension.items.map((item) => item.id))
    .map((id, i) => figureOf(id, accumulator.items[i] as PairMoments, shift, minimumN, level));
  const dimensions = instrument.dimensions.map((dimension, d) =>
    figureOf(dimension.id, accumulator.dimensions[d] as PairMoments, shift, minimumN, level),
  );
  return {
    items,
    dimensions,
    overall: figureOf("overall", accumulator.overallUnweighted, shift, minimumN, level),
  };
}
