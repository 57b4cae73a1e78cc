import { expectShape, shapes } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import { checkRows } from "../responses/rowSelection";
import type { Dataset, MissingPolicy } from "../responses/types";
import {
  accumulateFacetItems,
  accumulateFacetItemsIn,
  createFacetItemAccumulators,
  type FacetItemAccumulators,
  mergeFacetItemAccumulators,
} from "./facetItemAccumulators";
import { finishGaps } from "./finishGaps";
import type { Gap5Options, Gap5Result } from "./gap5";
import {
  accumulateGaps,
  accumulateGapsCounting,
  createGapAccumulator,
  type GapAccumulator,
  mergeGapAccumulators,
} from "./gapAccumulator";
import {
  type ReduceItems,
  reliabilityFromAccumulators,
  reliabilityMissingMode,
} from "./gapReliability";

/**
 * Everything {@link gap5} needs from the respondents, gathered chunk by chunk and mergeable:
 * the gap sums and exact signed-rank tallies per item, dimension and overall score, and (with
 * reliability) the item covariance sums of each dimension's E, P and gap items. Its size
 * depends on the instrument (items, dimensions, distinct gap values), not on the number of
 * respondents.
 */
export interface Gap5Accumulator {
  readonly instrument: Instrument;
  readonly missingPolicy: MissingPolicy;
  readonly gaps: GapAccumulator;
  /** Per dimension E, P and gap item sums, or null when reliability is not computed. */
  readonly items: FacetItemAccumulators | null;
  /** Respondents added. */
  readonly n: number;
}

/**
 * An empty Gap 5 accumulator.
 *
 * @param instrument - An expectation–perception instrument.
 * @param missingPolicy - The missing-data policy the datasets were validated with.
 * @param reliability - Whether to keep the item sums for alpha and item analysis (default true).
 * @returns The accumulator; add datasets with {@link accumulateGap5}, finish with {@link finishGap5}.
 * @example
 * const acc = createGap5Accumulator(instruments.servqual22, { kind: "minimum-share", share: 0.5 });
 */
export function createGap5Accumulator(
  instrument: Instrument,
  missingPolicy: MissingPolicy,
  reliability = true,
): Gap5Accumulator {
  return {
    instrument,
    missingPolicy,
    gaps: createGapAccumulator(instrument, "expectation", "perception"),
    items: reliability ? createFacetItemAccumulators(instrument) : null,
    n: 0,
  };
}

/**
 * Adds a dataset (or one piece of a dataset read in pieces) to the accumulator.
 *
 * @param accumulator - From {@link createGap5Accumulator} for the dataset's instrument.
 * @param dataset - The respondents to add.
 * @param rows - Only these rows of the dataset (a row listed twice counts twice), or all.
 * @returns A new accumulator value sharing the (mutated) sums.
 * @throws {ServqualError} `invalid-input` when the dataset has no expectation or perception answers.
 * @example
 * acc = accumulateGap5(acc, piece);
 */
export function accumulateGap5(
  accumulator: Gap5Accumulator,
  dataset: Dataset,
  rows?: Int32Array,
): Gap5Accumulator {
  const selected = checkRows("accumulateGap5", rows, dataset?.n);
  if (
    accumulator.items !== null &&
    selected === null &&
    dataset?.facets?.expectation !== undefined &&
    dataset.facets.perception !== undefined
  ) {
    // One pass over the rows for the gap tables and the reliability's answer patterns.
    expectShape("accumulateGaps", "dataset", dataset, shapes.dataset);
    expectShape("accumulateGaps", "accumulator", accumulator.gaps, shapes.gapAccumulator);
    accumulateFacetItemsIn(accumulator.items, dataset, (sessions) => {
      accumulateGapsCounting(accumulator.gaps, dataset, 0, dataset.n, sessions);
    });
  } else {
    accumulateGaps(accumulator.gaps, dataset, selected ?? 0);
    if (accumulator.items !== null) accumulateFacetItems(accumulator.items, dataset, selected);
  }
  return { ...accumulator, n: accumulator.n + (selected === null ? dataset.n : selected.length) };
}

/**
 * Merges two Gap 5 accumulators of the same instrument: the result equals one accumulator fed
 * both parts (sums add; the item sums are re-centred exactly, Chan, Golub & LeVeque 1983).
 *
 * @param a - One part.
 * @param b - Another part.
 * @returns A new accumulator holding both.
 * @example
 * finishGap5(mergeGap5Accumulators(first, second));
 */
export function mergeGap5Accumulators(a: Gap5Accumulator, b: Gap5Accumulator): Gap5Accumulator {
  return {
    instrument: a.instrument,
    missingPolicy: a.missingPolicy,
    gaps: mergeGapAccumulators(a.gaps, b.gaps),
    items:
      a.items === null || b.items === null ? null : mergeFacetItemAccumulators(a.items, b.items),
    n: a.n + b.n,
  };
}

/**
 * Finishes an accumulator into the {@link gap5} result (tables, tests and, when the item sums
 * were kept and not switched off by `options.reliability`, the reliability per dimension).
 *
 * @param accumulator - The accumulator holding every respondent.
 * @param options - As {@link gap5}.
 * @param reduce - Item sums of a subset of items, for alpha without constant items (absent when
 *   the data were streamed: that alpha is then not computed, with a warning).
 * @returns The Gap 5 result, equal to `gap5` of the whole dataset.
 * @example
 * finishGap5(accumulateGap5(createGap5Accumulator(instrument, policy), dataset));
 */
export function finishGap5(
  accumulator: Gap5Accumulator,
  options: Gap5Options = {},
  reduce?: ReduceItems,
): Gap5Result {
  const tables = finishGaps(
    accumulator.gaps,
    accumulator.instrument,
    accumulator.missingPolicy,
    { required: "expectation", delivered: "perception" },
    options.level ?? 0.95,
    options.pAdjust ?? "holm",
  );
  const reliability =
    options.reliability === false || accumulator.items === null
      ? null
      : reliabilityFromAccumulators(
          accumulator.instrument,
          accumulator.n,
          accumulator.items,
          tables.dimensions,
          {
            missing: reliabilityMissingMode(accumulator.missingPolicy),
            ...(options.dropConstantItems === undefined
              ? {}
              : { dropConstantItems: options.dropConstantItems }),
          },
          reduce,
        );
  return {
    gap: 5,
    name: "Gap 5: perceived vs expected service",
    design: "paired",
    unit: "scale points",
    sign: "perception − expectation; negative = shortfall",
    ...tables,
    reliability,
    // Every Gap 5 warning belongs to a row (validation already excludes respondents without a
    // dimension score), so the result-level list is empty.
    warnings: [],
  };
}
