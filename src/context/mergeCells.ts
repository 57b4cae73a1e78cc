import {
  type FallbackSums,
  type GapAccumulator,
  mergeGapAccumulators,
} from "../gaps/gapAccumulator";
import { mergePairMomentsInto, type PairMoments } from "../stats/pairedAccumulator";

/** Adds `source` into `target` element by element. */
function addInto(target: readonly number[], source: readonly number[]) {
  const out = target as number[];
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (source[i] as number);
}

/**
 * Merges several gap accumulators of one instrument into a new one (the inputs are not
 * changed): the first two with `mergeGapAccumulators` (a fresh copy), every further one added
 * into that copy in place, so k cells cost one copy instead of k − 1.
 */
export function mergeAll(list: readonly GapAccumulator[]): GapAccumulator {
  if (list.length === 1) return list[0] as GapAccumulator;
  const merged = mergeGapAccumulators(list[0] as GapAccumulator, list[1] as GapAccumulator);
  const fallback = merged.fallback as FallbackSums;
  for (let k = 2; k < list.length; k++) {
    const source = list[k] as GapAccumulator;
    merged.items.forEach((m, i) => {
      mergePairMomentsInto(m, source.items[i] as PairMoments);
    });
    merged.dimensions.forEach((m, d) => {
      mergePairMomentsInto(m, source.dimensions[d] as PairMoments);
    });
    mergePairMomentsInto(merged.overallItemMean, source.overallItemMean);
    mergePairMomentsInto(merged.overallUnweighted, source.overallUnweighted);
    mergePairMomentsInto(merged.weightedOwn, source.weightedOwn);
    fallback.n += source.fallback.n;
    addInto(fallback.sumR, source.fallback.sumR);
    addInto(fallback.sumD, source.fallback.sumD);
    addInto(fallback.crossGap, source.fallback.crossGap);
    addInto(fallback.crossR, source.fallback.crossR);
    addInto(fallback.crossD, source.fallback.crossD);
    addInto(merged.weightSums, source.weightSums);
    merged.weightRespondents += source.weightRespondents;
    addInto(merged.unscored, source.unscored);
    merged.respondents += source.respondents;
  }
  return merged;
}
