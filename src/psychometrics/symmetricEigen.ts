/**
 * Eigen-decomposition of a small symmetric matrix (cyclic Jacobi rotations), and what the
 * reliability functions build on it: psych's pseudo-inverse `Pinv` and squared multiple
 * correlations `smc`. Internal to the psychometrics module.
 */

/** Eigenvalues in decreasing order and the matching unit eigenvectors (columns of `vectors`). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** k × k row-major; column c is the eigenvector of values[c]. */
  readonly vectors: Float64Array;
}

/**
 * Cyclic Jacobi eigenvalue algorithm (Golub & Van Loan 2013, §8.5). Accurate to a few ulps
 * for the small matrices (k ≤ ~100) of item analysis. `a` is k × k row-major and symmetric.
 */
export function symmetricEigen(a: ArrayLike<number>, k: number): SymmetricEigen {
  const m = Float64Array.from({ length: k * k }, (_, i) => a[i] as number);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const x = (m[i * k + j] as number) ** 2;
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off === 0 || off <= 1e-32 * total) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q] as number;
        if (apq === 0) continue;
        const app = m[p * k + p] as number;
        const aqq = m[q * k + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p] as number;
          const arq = m[r * k + q] as number;
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r] as number;
          const aqr = m[q * k + r] as number;
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
        m[p * k + q] = 0;
        m[q * k + p] = 0;
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p] as number;
          const vrq = v[r * k + q] as number;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (x, y) => (m[y * k + y] as number) - (m[x * k + x] as number),
  );
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    values[dst] = m[src * k + src] as number;
    for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src] as number;
  });
  return { values, vectors };
}

/**
 * Moore–Penrose pseudo-inverse of a symmetric matrix as psych's `Pinv`: singular values
 * (here |eigenvalues|) at or below sqrt(machine ε) × the largest are treated as zero.
 */
export function pseudoInverse(a: ArrayLike<number>, k: number): Float64Array {
  return pseudoInverseFromEigen(symmetricEigen(a, k), k);
}

/**
 * The pseudo-inverse A⁺ = Σ_c v_c v_cᵀ / λ_c over the eigenpairs with |λ_c| > √ε·max|λ|
 * (psych's `Pinv` rule), from an eigen-decomposition already at hand.
 *
 * @example
 * pseudoInverseFromEigen(symmetricEigen([2, 0, 0, 4], 2), 2) //=> Float64Array [0.5, 0, 0, 0.25]
 */
export function pseudoInverseFromEigen(eigen: SymmetricEigen, k: number): Float64Array {
  const { values, vectors } = eigen;
  let largest = 0;
  for (let c = 0; c < k; c++) largest = Math.max(largest, Math.abs(values[c] as number));
  const tol = Math.sqrt(Number.EPSILON) * largest;
  const out = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const lambda = values[c] as number;
    if (!(Math.abs(lambda) > tol)) continue;
    for (let i = 0; i < k; i++) {
      const vi = (vectors[i * k + c] as number) / lambda;
      if (vi === 0) continue;
      for (let j = 0; j < k; j++) {
        out[i * k + j] = (out[i * k + j] as number) + vi * (vectors[j * k + c] as number);
      }
    }
  }
  return out;
}

/** Squared multiple correlations and what psych had to adjust. */
export interface Smc {
  readonly values: Float64Array;
  /** Items whose smc was above 1 (set to 1) or below 0 (set to 0), as psych does. */
  readonly clamped: readonly number[];
}

/**
 * Squared multiple correlation of each item with the others: smc = 1 − 1/diag(R⁺), R⁺ the
 * pseudo-inverse of the correlation matrix R, clamped to [0, 1] (psych::smc).
 */
export function squaredMultipleCorrelations(r: ArrayLike<number>, k: number): Smc {
  const inv = pseudoInverse(r, k);
  return smcFromDiagonal((i) => inv[i * k + i] as number, k);
}

/** smc = 1 − 1/diag(R⁺), clamped to [0, 1] as psych::smc (NaN → 1). */
export function smcFromDiagonal(diagonal: (i: number) => number, k: number): Smc {
  const values = new Float64Array(k);
  const clamped: number[] = [];
  for (let i = 0; i < k; i++) {
    let value = 1 - 1 / diagonal(i);
    if (Number.isNaN(value)) value = 1;
    if (value > 1) {
      value = 1;
      clamped.push(i);
    } else if (value < 0) {
      value = 0;
      clamped.push(i);
    }
    values[i] = value;
  }
  return { values, clamped };
}
