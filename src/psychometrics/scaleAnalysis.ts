import { type AlphaStatistics, covarianceToCorrelation, withoutItem } from "./alphaStatistics";
import { householderEigen } from "./householderEigen";
import type { ItemMoments } from "./itemCovariance";
import { matrixSums } from "./matrixSums";
import {
  pseudoInverseFromEigen,
  type Smc,
  type SymmetricEigen,
  smcFromDiagonal,
} from "./symmetricEigen";

/**
 * What alpha, the item analysis and alpha-if-deleted share, computed once per scale from its
 * covariance matrix C (internal): R = cov2cor(C), one eigen-decomposition of R (for the
 * pseudo-inverse behind the smc, the positive-definiteness check and the first principal
 * component), R⁺ and the smc. With constant items (zero variance) R is undefined: only the
 * covariance-based figures are computed.
 */
export interface ScaleAnalysis {
  readonly k: number;
  readonly c: Float64Array;
  /** Indices of items with zero variance. */
  readonly constant: readonly number[];
  /** cov2cor(C); null with constant items. */
  readonly r: Float64Array | null;
  /** Eigen-decomposition of R; null with constant items. */
  readonly eigen: SymmetricEigen | null;
  /** psych's Pinv(R); null with constant items. */
  readonly inverse: Float64Array | null;
  /** psych::smc(R); null with constant items. */
  readonly smc: Smc | null;
}

/** Analyses a usable covariance matrix (no fatal problems; constant items allowed). */
export function analyseScale(m: ItemMoments): ScaleAnalysis {
  const k = m.k;
  const c = m.covariance;
  const constant: number[] = [];
  for (let i = 0; i < k; i++) if (!((c[i * k + i] as number) > 0)) constant.push(i);
  if (constant.length > 0) {
    return { k, c, constant, r: null, eigen: null, inverse: null, smc: null };
  }
  const r = covarianceToCorrelation(c, k);
  let finite = true;
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(r[i] as number)) finite = false;
  if (!finite) return { k, c, constant, r, eigen: null, inverse: null, smc: null };
  const eigen = householderEigen(r, k);
  const inverse = pseudoInverseFromEigen(eigen, k);
  const smc = smcFromDiagonal((i) => inverse[i * k + i] as number, k);
  return { k, c, constant, r, eigen, inverse, smc };
}

/** The alpha family without item i, as numbers (NaN where undefined). */
export type DeletedStatistics = Omit<AlphaStatistics, "smcClamped">;

/**
 * Every scale statistic of psych's `alpha.drop` for each item at once, without rebuilding and
 * re-decomposing k submatrices. Removing item i from C changes each sum by a known amount:
 * tr C₋ᵢ = tr C − Cᵢᵢ; ΣΣC₋ᵢ = ΣΣC − 2·Σⱼ Cᵢⱼ + Cᵢᵢ; ΣΣ(C∘C)₋ᵢ = ΣΣ(C∘C) − 2·ΣⱼCᵢⱼ² + Cᵢᵢ²;
 * the column sums of C₋ᵢ are colⱼ − Cᵢⱼ, so ΣΣ(C₋ᵢC₋ᵢ) = Σ_{j≠i}(colⱼ − Cᵢⱼ)²; the same for R.
 * The smc of R₋ᵢ come from the inverse of the submatrix by the Schur-complement downdate
 * (R₋ᵢ)⁻¹ = (R⁻¹)₋ᵢ − aᵢaᵢᵀ/(R⁻¹)ᵢᵢ, aᵢ the i-th column of R⁻¹ without entry i, used when
 * R is invertible and the downdate provably keeps every eigenvalue of R₋ᵢ above psych's Pinv
 * tolerance (see downdatedSmcSum); otherwise (singular R) R₋ᵢ is pseudo-inverted afresh, at
 * O(k³) per item. The variance of the remaining correlations is taken about the mean of all
 * of them (shifted sums); their median is read off the once-sorted correlations, skipping the
 * item's own. O(k) per item for a positive definite R (O(k²) to check an indefinite one).
 *
 * Reference: Golub & Van Loan (2013), Matrix Computations, 4th ed., §3.2 (block inverse);
 * Revelle, psych::alpha (alpha.drop).
 */
export function deletedStatistics(analysis: ScaleAnalysis): DeletedStatistics[] {
  const { k, c, r, eigen, inverse } = analysis;
  const kk = k - 1;
  const ratio = kk / (kk - 1);
  // Covariance sums
  let trC = 0;
  let sumC = 0;
  let trCC = 0;
  const col = new Float64Array(k);
  const rowSq = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    trC += c[i * k + i] as number;
    for (let j = 0; j < k; j++) {
      const v = c[i * k + j] as number;
      sumC += v;
      trCC += v * v;
      col[j] = (col[j] as number) + v;
      rowSq[i] = (rowSq[i] as number) + v * v;
    }
  }
  let sumColSq = 0;
  for (let j = 0; j < k; j++) sumColSq += (col[j] as number) * (col[j] as number);
  const cCol = new Float64Array(k); // (C·col)_i
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += (c[i * k + j] as number) * (col[j] as number);
    cCol[i] = s;
  }
  // Correlation sums
  const sumsR = r === null ? null : matrixSums(r, k);
  const sumR = sumsR === null ? Number.NaN : sumsR.total;
  const colR = sumsR === null ? new Float64Array(k) : sumsR.columns;
  // Off-diagonal correlations: shifted sums for the variance, sorted order for the median.
  const pairs = (k * (k - 1)) / 2;
  const lowI = new Int32Array(pairs);
  const lowJ = new Int32Array(pairs);
  const lowV = new Float64Array(pairs);
  let allFinite = r !== null;
  let shift = 0;
  const rowS1 = new Float64Array(k);
  const rowS2 = new Float64Array(k);
  let s1 = 0;
  let s2 = 0;
  let order: Int32Array | null = null;
  const positionsOf = new Int32Array(k * (k - 1));
  if (r !== null) {
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        const v = r[i * k + j] as number;
        if (!Number.isFinite(v)) allFinite = false;
        lowI[p] = i;
        lowJ[p] = j;
        lowV[p] = v;
        shift += v;
        p++;
      }
    }
    shift = pairs > 0 ? shift / pairs : 0;
    for (let p2 = 0; p2 < pairs; p2++) {
      const d = (lowV[p2] as number) - shift;
      const i = lowI[p2] as number;
      const j = lowJ[p2] as number;
      s1 += d;
      s2 += d * d;
      rowS1[i] = (rowS1[i] as number) + d;
      rowS1[j] = (rowS1[j] as number) + d;
      rowS2[i] = (rowS2[i] as number) + d * d;
      rowS2[j] = (rowS2[j] as number) + d * d;
    }
    if (allFinite) {
      order = Int32Array.from({ length: pairs }, (_, q) => q).sort(
        (a, b) => (lowV[a] as number) - (lowV[b] as number),
      );
      // Per item, the sorted positions of the correlations that involve it (k − 1 each).
      const filled = new Int32Array(k);
      for (let position = 0; position < pairs; position++) {
        const q = order[position] as number;
        for (const item of [lowI[q] as number, lowJ[q] as number]) {
          positionsOf[item * (k - 1) + (filled[item] as number)] = position;
          filled[item] = (filled[item] as number) + 1;
        }
      }
    }
  }
  // Downdated inverse, when R is invertible (psych's Pinv is then R⁻¹). For positive definite
  // R interlacing alone proves that every R₋ᵢ keeps its eigenvalues above the Pinv tolerance;
  // an indefinite (pairwise) R is checked item by item.
  let maxAbs = 0;
  let invertible = false;
  let definite = false;
  if (eigen !== null && inverse !== null && k > 0) {
    maxAbs = Math.max(Math.abs(eigen.values[0] as number), Math.abs(eigen.values[k - 1] as number));
    let minAbs = Number.POSITIVE_INFINITY;
    for (let t = 0; t < k; t++) minAbs = Math.min(minAbs, Math.abs(eigen.values[t] as number));
    invertible = maxAbs > 0 && minAbs > 2 * Math.sqrt(Number.EPSILON) * maxAbs;
    definite = invertible && (eigen.values[k - 1] as number) > 0;
  }
  const out: DeletedStatistics[] = [];
  const remaining = pairs - kk;
  for (let i = 0; i < k; i++) {
    const cii = c[i * k + i] as number;
    const tr = trC - cii;
    const sum = sumC - 2 * (col[i] as number) + cii;
    const tcc = trCC - 2 * (rowSq[i] as number) + cii * cii;
    const colI = (col[i] as number) - cii;
    const scc = sumColSq - 2 * (cCol[i] as number) + (rowSq[i] as number) - colI * colI;
    const rawAlpha = (1 - tr / sum) * ratio;
    const q = ((2 * kk * kk) / ((kk - 1) ** 2 * sum ** 3)) * (sum * (tcc + tr * tr) - 2 * tr * scc);
    let standardizedAlpha = Number.NaN;
    let guttmanLambda6 = Number.NaN;
    let averageR = Number.NaN;
    let signalToNoise = Number.NaN;
    let varianceR = Number.NaN;
    let medianR = Number.NaN;
    if (r !== null) {
      const sr = sumR - 2 * (colR[i] as number) + 1;
      standardizedAlpha = (1 - kk / sr) * ratio;
      averageR = (sr - kk) / (kk * (kk - 1));
      signalToNoise = (kk * averageR) / (1 - averageR);
      const downdated =
        invertible && inverse !== null
          ? downdatedSmcSum(inverse, k, i, definite ? null : maxAbs)
          : null;
      const smcSum = downdated ?? freshSmcSum(r, k, i);
      guttmanLambda6 = 1 - (kk - smcSum) / sr;
      if (allFinite && remaining >= 1) {
        if (remaining >= 2) {
          const t1 = s1 - (rowS1[i] as number);
          const t2 = s2 - (rowS2[i] as number);
          varianceR = Math.max(0, (t2 - (t1 * t1) / remaining) / (remaining - 1));
        }
        medianR = medianWithout(
          order as Int32Array,
          lowV,
          positionsOf.subarray(i * (k - 1), (i + 1) * (k - 1)),
          remaining,
        );
      }
    }
    out.push({
      rawAlpha,
      standardizedAlpha,
      guttmanLambda6,
      averageR,
      signalToNoise,
      q,
      varianceR,
      medianR,
    });
  }
  return out;
}

/**
 * Median of the sorted correlations without those of one item (`skipped`: their sorted
 * positions, ascending; `count` remain). The remaining entry of rank t sits at position
 * t + (skipped positions at or before it), found by one scan of `skipped`: O(k) per item.
 */
function medianWithout(
  order: Int32Array,
  lowV: Float64Array,
  skipped: Int32Array,
  count: number,
): number {
  const at = (rank: number) => {
    let position = rank;
    for (let s = 0; s < skipped.length; s++) {
      if ((skipped[s] as number) <= position) position++;
      else break;
    }
    return lowV[order[position] as number] as number;
  };
  return (at(Math.floor((count - 1) / 2)) + at(Math.floor(count / 2))) / 2;
}

/**
 * Σ smc of R₋ᵢ from the Schur-complement downdate B = (R⁻¹)₋ᵢ − aaᵀ/(R⁻¹)ᵢᵢ of A = R⁻¹, or
 * null when psych's Pinv(R₋ᵢ) might drop an eigenvalue. With `maxAbs` null (R positive
 * definite) interlacing proves it cannot; else {@link downdateKeepsTolerance} checks. O(k).
 */
function downdatedSmcSum(
  a: Float64Array,
  k: number,
  i: number,
  maxAbs: number | null,
): number | null {
  const aii = a[i * k + i] as number;
  if (!(Math.abs(aii) > 0)) return null;
  if (maxAbs !== null && !downdateKeepsTolerance(a, k, i, maxAbs)) return null;
  const sub = smcFromDiagonal((t) => {
    const j = t < i ? t : t + 1;
    const aji = a[j * k + i] as number;
    return (a[j * k + j] as number) - (aji * aji) / aii;
  }, k - 1);
  let sum = 0;
  for (let t = 0; t < k - 1; t++) sum += sub.values[t] as number;
  return sum;
}

/**
 * Whether psych's Pinv(R₋ᵢ) keeps every eigenvalue, for an indefinite R: every |λ(R₋ᵢ)| is at
 * most max|λ(R)| (interlacing) and the smallest is at least 1/‖B‖_F, B the downdated inverse.
 * O(k²).
 */
function downdateKeepsTolerance(a: Float64Array, k: number, i: number, maxAbs: number): boolean {
  const aii = a[i * k + i] as number;
  let frobenius = 0;
  for (let j = 0; j < k; j++) {
    if (j === i) continue;
    const aji = (a[j * k + i] as number) / aii;
    const row = j * k;
    for (let l = 0; l < k; l++) {
      if (l === i) continue;
      const b = (a[row + l] as number) - aji * (a[l * k + i] as number);
      frobenius += b * b;
    }
  }
  return 1 / Math.sqrt(frobenius) > 2 * Math.sqrt(Number.EPSILON) * maxAbs;
}

/** Σ smc of R without item i, pseudo-inverting the submatrix afresh (singular or indefinite R). */
function freshSmcSum(r: Float64Array, k: number, i: number): number {
  const sub = withoutItem(r, k, i);
  const eigen = householderEigen(sub, k - 1);
  const inverse = pseudoInverseFromEigen(eigen, k - 1);
  const smc = smcFromDiagonal((t) => inverse[t * (k - 1) + t] as number, k - 1);
  let sum = 0;
  for (let t = 0; t < k - 1; t++) sum += smc.values[t] as number;
  return sum;
}
