import { expectKind } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { squaredMultipleCorrelations, symmetricEigen } from "./symmetricEigen";

/** Result of {@link oneFactorMinres}. */
export interface OneFactorSolution {
  /** Standardised loadings λ, oriented so that Σλ ≥ 0 (as psych::fa). */
  readonly loadings: readonly number[];
  /** Uniquenesses u² = 1 − λ² (negative in a Heywood case). */
  readonly uniquenesses: readonly number[];
  /** Σ over i < j of (rᵢⱼ − λᵢλⱼ)², the minimised criterion. */
  readonly residualSumOfSquares: number;
  /** Newton / coordinate-descent iterations used. */
  readonly iterations: number;
  /** True when the last Newton step (or clamped principal-axis update) fell below 1e-12. */
  readonly converged: boolean;
  /**
   * True for a Heywood case: the unconstrained solution has a uniqueness below psych's bound
   * 0.005 (a loading near or above 1), so the bounded solution is reported.
   */
  readonly heywood: boolean;
  /** The loadings without psych's bound (equal to `loadings` unless `heywood`). */
  readonly unconstrainedLoadings: readonly number[];
  readonly warnings: readonly Notice[];
}

function criterion(r: ArrayLike<number>, k: number, l: ArrayLike<number>): number {
  let f = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const e = (r[i * k + j] as number) - (l[i] as number) * (l[j] as number);
      f += e * e;
    }
  }
  return f;
}

/** Solves A x = b (A k × k, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const m = a.slice();
  const x = b.slice();
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) {
      if (Math.abs(m[r * k + c] as number) > Math.abs(m[p * k + c] as number)) p = r;
    }
    const pivot = m[p * k + c] as number;
    if (!(Math.abs(pivot) > 1e-300)) return null;
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        const t = m[c * k + j] as number;
        m[c * k + j] = m[p * k + j] as number;
        m[p * k + j] = t;
      }
      const t = x[c] as number;
      x[c] = x[p] as number;
      x[p] = t;
    }
    for (let r = c + 1; r < k; r++) {
      const f = (m[r * k + c] as number) / pivot;
      if (f === 0) continue;
      for (let j = c; j < k; j++)
        m[r * k + j] = (m[r * k + j] as number) - f * (m[c * k + j] as number);
      x[r] = (x[r] as number) - f * (x[c] as number);
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = x[c] as number;
    for (let j = c + 1; j < k; j++) s -= (m[c * k + j] as number) * (x[j] as number);
    x[c] = s / (m[c * k + c] as number);
  }
  return x.every(Number.isFinite) ? x : null;
}

/** One Gauss–Seidel sweep: λᵢ ← Σⱼ≠ᵢ rᵢⱼλⱼ / Σⱼ≠ᵢ λⱼ² (the exact minimiser in λᵢ). */
function coordinateSweep(r: ArrayLike<number>, k: number, l: Float64Array): number {
  let change = 0;
  for (let i = 0; i < k; i++) {
    let num = 0;
    let den = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      const lj = l[j] as number;
      num += (r[i * k + j] as number) * lj;
      den += lj * lj;
    }
    if (!(den > 0)) continue;
    const next = num / den;
    change = Math.max(change, Math.abs(next - (l[i] as number)));
    l[i] = next;
  }
  return change;
}

/**
 * Newton step on the criterion with step halving; returns the largest component of the full
 * Newton step (the distance still to go), or -1 when no step lowers the criterion.
 */
function newtonStep(r: ArrayLike<number>, k: number, l: Float64Array): number {
  const g = new Float64Array(k);
  const h = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const li = l[i] as number;
    let gi = 0;
    let hii = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      const lj = l[j] as number;
      const rij = r[i * k + j] as number;
      gi += -2 * (rij - li * lj) * lj;
      hii += 2 * lj * lj;
      h[i * k + j] = 2 * (2 * li * lj - rij);
    }
    g[i] = -gi;
    h[i * k + i] = hii;
  }
  const step = solve(h, g, k);
  if (step === null) return -1;
  const f0 = criterion(r, k, l);
  const trial = new Float64Array(k);
  // the full Newton step estimates the distance to the minimum: that is the change reported
  let full = 0;
  for (let i = 0; i < k; i++) full = Math.max(full, Math.abs(step[i] as number));
  for (let t = 1; t > 1e-6; t /= 2) {
    for (let i = 0; i < k; i++) trial[i] = (l[i] as number) + t * (step[i] as number);
    if (criterion(r, k, trial) <= f0) {
      l.set(trial);
      return full;
    }
  }
  return -1;
}

/**
 * One-factor minimum-residual (minres) factor analysis of a correlation matrix: the loadings λ
 * that minimise the off-diagonal residuals Σᵢ<ⱼ (rᵢⱼ − λᵢλⱼ)² (unweighted least squares with
 * free communalities; Harman & Jones 1966), the model psych::fa(fm = "minres") fits.
 *
 * ## Method
 * Start from the principal-axis solution with squared multiple correlations as communalities,
 * then Gauss–Seidel sweeps (each λᵢ set to its exact minimiser Σⱼ rᵢⱼλⱼ/Σⱼ λⱼ²) followed by
 * Newton steps with step halving, until the Newton step is below 1e-12. As in psych, the
 * uniquenesses are kept in [0.005, 1]: when the unconstrained solution puts one below 0.005
 * (a Heywood case, |λ| near or above 1), the bounded problem is solved instead by iterated
 * principal axis with clamping, `heywood` is true and `unconstrainedLoadings` keeps the
 * improper solution.
 *
 * References: Harman, H. H. & Jones, W. H. (1966), Psychometrika 31(3), 351–368.
 * Revelle, W. psych (`fa`, fm = "minres").
 *
 * In R: `psych::fa(r, nfactors = 1, fm = "minres")$loadings`.
 *
 * @category psychometrics
 * @param correlation - k × k correlation matrix (symmetric, unit diagonal), k ≥ 3
 * @returns loadings, uniquenesses, the residual criterion and convergence information
 * @throws {ServqualError} `invalid-input` for a non-square, non-symmetric or non-finite matrix,
 *   or k < 3 (one factor is not identified with fewer than three items)
 * @example
 * oneFactorMinres([[1, 0.42, 0.35], [0.42, 1, 0.3], [0.35, 0.3, 1]]).loadings;
 * //=> [0.7, 0.6, 0.5] (three items fit exactly: λ₁² = r₁₂r₁₃/r₂₃)
 */
export function oneFactorMinres(
  correlation: ReadonlyArray<ReadonlyArray<number>>,
): OneFactorSolution {
  expectKind(
    "oneFactorMinres",
    "correlation",
    correlation,
    "array",
    "a correlation matrix (array of rows)",
  );
  const fn = "oneFactorMinres";
  const k = Array.isArray(correlation) ? correlation.length : 0;
  const issues: Issue[] = [];
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = correlation[i];
    if (!row || row.length !== k) {
      issues.push({
        code: "not-square",
        message: `row ${i + 1} does not have ${k} entries`,
        path: [i],
      });
      continue;
    }
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        issues.push({
          code: "not-finite",
          message: `entry [${i + 1}, ${j + 1}] is ${String(v)}`,
          path: [i, j],
        });
      } else r[i * k + j] = v;
    }
  }
  if (issues.length > 0) {
    throw new ServqualError(
      "invalid-input",
      `${fn} requires a square matrix of finite numbers`,
      issues,
    );
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (Math.abs((r[i * k + j] as number) - (r[j * k + i] as number)) > 1e-12) {
        throw new ServqualError("invalid-input", `${fn} requires a symmetric matrix`, [
          {
            code: "not-symmetric",
            message: `entries [${i + 1}, ${j + 1}] and [${j + 1}, ${i + 1}] differ`,
            path: [i, j],
          },
        ]);
      }
    }
  }
  if (k < 3) {
    throw new ServqualError(
      "invalid-input",
      `${fn} requires at least three items (one factor is not identified with ${k})`,
    );
  }
  return minresOnMatrix(r, k);
}

/** Internal: the fit on a row-major correlation matrix (k ≥ 3, finite). */
export function minresOnMatrix(r: Float64Array, k: number): OneFactorSolution {
  const warnings: Notice[] = [];
  // principal-axis start: top eigenpair of R with smc on the diagonal
  const start = r.slice();
  const smc = squaredMultipleCorrelations(r, k).values;
  for (let i = 0; i < k; i++) start[i * k + i] = smc[i] as number;
  const { values, vectors } = symmetricEigen(start, k);
  const l = new Float64Array(k);
  const top = Math.sqrt(Math.max(values[0] as number, 1e-8));
  for (let i = 0; i < k; i++) l[i] = (vectors[i * k] as number) * top;

  let iterations = 0;
  let converged = false;
  const maxIterations = 10000;
  while (iterations < maxIterations) {
    iterations++;
    // Newton once close; sweeps otherwise (and whenever Newton cannot improve)
    let change = iterations > 5 ? newtonStep(r, k, l) : -1;
    if (change < 0) change = coordinateSweep(r, k, l);
    if (change <= 1e-12) {
      converged = true;
      break;
    }
  }
  const unconstrained = Array.from(l);
  let bounded = false;
  if (unconstrained.some((x) => 1 - x * x < PSI_MIN)) {
    // psych keeps every uniqueness in [0.005, 1]; solve that bounded problem instead
    const b = boundedMinres(r, k, unconstrained);
    l.set(b.loadings);
    iterations += b.iterations;
    converged = b.converged;
    bounded = true;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += l[i] as number;
  if (sum < 0) for (let i = 0; i < k; i++) l[i] = -(l[i] as number);
  const loadings = Array.from(l);
  const uniquenesses = loadings.map((x) => 1 - x * x);
  const heywood = bounded || loadings.some((x) => Math.abs(x) >= 1);
  if (!converged) {
    warnings.push(
      notice(
        "minres-not-converged",
        `minres did not converge in ${maxIterations} iterations: loadings may be inaccurate`,
      ),
    );
  }
  return {
    loadings,
    uniquenesses,
    residualSumOfSquares: criterion(r, k, l),
    iterations,
    converged,
    heywood,
    unconstrainedLoadings: bounded ? unconstrained.map((x) => (sum < 0 ? -x : x)) : loadings,
    warnings,
  };
}

/** psych's lower bound on a uniqueness in fa(fm = "minres"). */
const PSI_MIN = 0.005;

/**
 * The minres problem with uniquenesses bounded to [0.005, 1], as psych::fa fits it:
 * iterated principal axis with clamping, ψ ← clamp(1 − λ(ψ)², 0.005, 1), where λ(ψ) is the
 * first eigenpair of R with 1 − ψ on the diagonal. At the fixed point every free uniqueness
 * reproduces its communality (zero gradient) and every bounded one sits at 0.005.
 */
function boundedMinres(
  r: Float64Array,
  k: number,
  start: readonly number[],
): { loadings: Float64Array; iterations: number; converged: boolean } {
  const psi = Float64Array.from(start, (x) => Math.min(1, Math.max(PSI_MIN, 1 - x * x)));
  const m = r.slice();
  const loadings = new Float64Array(k);
  const fill = (): void => {
    for (let i = 0; i < k; i++) m[i * k + i] = 1 - (psi[i] as number);
    const { values, vectors } = symmetricEigen(m, k);
    const scale = Math.sqrt(Math.max(values[0] as number, 0));
    for (let i = 0; i < k; i++) loadings[i] = (vectors[i * k] as number) * scale;
  };
  let iterations = 0;
  let converged = false;
  while (iterations < 100000) {
    iterations++;
    fill();
    let change = 0;
    for (let i = 0; i < k; i++) {
      const li = loadings[i] as number;
      const next = Math.min(1, Math.max(PSI_MIN, 1 - li * li));
      change = Math.max(change, Math.abs(next - (psi[i] as number)));
      psi[i] = next;
    }
    if (change <= 1e-13) {
      converged = true;
      break;
    }
  }
  fill();
  return { loadings, iterations, converged };
}
