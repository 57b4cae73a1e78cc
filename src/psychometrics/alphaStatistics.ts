import { median, sampleVariance } from "../stats/simpleStatistics";
import { type Smc, squaredMultipleCorrelations } from "./symmetricEigen";

/**
 * The alpha family from a covariance matrix C and its correlation matrix R (psych's internal
 * `alpha.1`). Values are NaN where undefined; callers turn NaN into null. Internal.
 */
export interface AlphaStatistics {
  /** k/(k−1)·(1 − tr(C)/ΣΣC) */
  readonly rawAlpha: number;
  /** k/(k−1)·(1 − k/ΣΣR) */
  readonly standardizedAlpha: number;
  /** 1 − (k − Σsmc)/ΣΣR */
  readonly guttmanLambda6: number;
  /** (ΣΣR − k)/(k(k−1)) */
  readonly averageR: number;
  /** k·r̄/(1 − r̄) */
  readonly signalToNoise: number;
  /** Duhachek–Iacobucci Q; ase = sqrt(Q/n). */
  readonly q: number;
  /** variance (n − 1) and median of the k(k−1)/2 inter-item correlations */
  readonly varianceR: number;
  readonly medianR: number;
  /** Items (indices into this matrix) whose smc psych would clamp to [0, 1]. */
  readonly smcClamped: readonly number[];
}

/** Row/column `drop` removed from a k × k matrix. */
export function withoutItem(a: ArrayLike<number>, k: number, drop: number): Float64Array {
  const out = new Float64Array((k - 1) * (k - 1));
  let p = 0;
  for (let i = 0; i < k; i++) {
    if (i === drop) continue;
    for (let j = 0; j < k; j++) {
      if (j === drop) continue;
      out[p++] = a[i * k + j] as number;
    }
  }
  return out;
}

/** cov2cor(C): C scaled to unit diagonal. */
export function covarianceToCorrelation(c: ArrayLike<number>, k: number): Float64Array {
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      r[i * k + j] =
        i === j
          ? 1
          : (c[i * k + j] as number) /
            Math.sqrt((c[i * k + i] as number) * (c[j * k + j] as number));
    }
  }
  return r;
}

/** alpha.1 of psych: every scale statistic of C and R (k ≥ 2). */
export function alphaStatistics(
  c: ArrayLike<number>,
  r: ArrayLike<number>,
  k: number,
  smcOfR: Smc | null = null,
): AlphaStatistics {
  let trC = 0;
  let sumC = 0;
  let sumR = 0;
  let trCC = 0;
  let sumCC = 0;
  const lower: number[] = [];
  for (let i = 0; i < k; i++) {
    trC += c[i * k + i] as number;
    for (let j = 0; j < k; j++) {
      const cij = c[i * k + j] as number;
      sumC += cij;
      sumR += r[i * k + j] as number;
      trCC += cij * cij; // tr(C %*% C) = ΣΣ C∘C for symmetric C
      if (j < i) lower.push(r[i * k + j] as number);
    }
  }
  // sum(C %*% C) = Σ_j (Σ_i C_ij)² for symmetric C
  for (let j = 0; j < k; j++) {
    let col = 0;
    for (let i = 0; i < k; i++) col += c[i * k + j] as number;
    sumCC += col * col;
  }
  const ratio = k / (k - 1);
  const rawAlpha = rawTotalVanishes(trC, sumC) ? Number.NaN : (1 - trC / sumC) * ratio;
  // ΣΣR is the variance of the standardized total: when it vanishes (fewer rows than items can
  // make the standardized total constant) standardized alpha and λ6 are undefined, not huge.
  const totalVanishes = !(sumR > 1e-9 * k);
  const standardizedAlpha = totalVanishes ? Number.NaN : (1 - k / sumR) * ratio;
  const smc = smcOfR ?? squaredMultipleCorrelations(r, k);
  let sumSmc = 0;
  for (let i = 0; i < k; i++) sumSmc += smc.values[i] as number;
  const guttmanLambda6 = totalVanishes ? Number.NaN : 1 - (k - sumSmc) / sumR;
  const averageR = (sumR - k) / (k * (k - 1));
  const signalToNoise = (k * averageR) / (1 - averageR);
  const q =
    ((2 * k * k) / ((k - 1) ** 2 * sumC ** 3)) * (sumC * (trCC + trC * trC) - 2 * trC * sumCC);
  const finite = lower.every(Number.isFinite);
  return {
    rawAlpha,
    standardizedAlpha,
    guttmanLambda6,
    averageR,
    signalToNoise,
    q,
    varianceR: finite && lower.length >= 2 ? sampleVariance(lower) : Number.NaN,
    medianR: finite && lower.length >= 1 ? median(lower) : Number.NaN,
    smcClamped: smc.clamped,
  };
}

/**
 * ΣΣC is the variance of the raw total score. When the items vary but their total does not
 * (the answers trade off row by row), ΣΣC is zero up to rounding and tr C/ΣΣC is rounding noise
 * (10^16 and more), so raw alpha is undefined rather than huge. Relative test: |ΣΣC| ≤ 10⁻¹⁰·tr C.
 */
export function rawTotalVanishes(trC: number, sumC: number): boolean {
  return !(Math.abs(sumC) > 1e-10 * Math.abs(trC));
}

/**
 * The covariance-only part of the alpha family (defined with constant items too): raw alpha
 * k/(k−1)·(1 − tr C/ΣΣC) and the Duhachek–Iacobucci Q.
 */
export function covarianceAlpha(c: ArrayLike<number>, k: number): { rawAlpha: number; q: number } {
  let trC = 0;
  let sumC = 0;
  let trCC = 0;
  let sumCC = 0;
  for (let i = 0; i < k; i++) {
    trC += c[i * k + i] as number;
    let column = 0;
    for (let j = 0; j < k; j++) {
      const cij = c[i * k + j] as number;
      sumC += cij;
      trCC += cij * cij;
      column += cij;
    }
    sumCC += column * column;
  }
  if (rawTotalVanishes(trC, sumC)) return { rawAlpha: Number.NaN, q: Number.NaN };
  const rawAlpha = (1 - trC / sumC) * (k / (k - 1));
  const q =
    ((2 * k * k) / ((k - 1) ** 2 * sumC ** 3)) * (sumC * (trCC + trC * trC) - 2 * trC * sumCC);
  return { rawAlpha, q };
}
