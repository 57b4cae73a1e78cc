import { finiteOrNull } from "../_lib/finiteOrNull";
import { type Notice, notice } from "../_lib/notice";
import { covarianceProblems } from "./cronbachAlpha";
import { itemMoments } from "./itemCovariance";
import { correctedItemTotal, indefiniteWarning, keyingWarnings } from "./keyingDiagnostics";
import { minresOnMatrix } from "./oneFactorMinres";
import { openScale } from "./openScale";
import { type ItemData, recodingWarnings } from "./prepareItems";
import type { MissingMode, ReliabilityOptions } from "./types";

/** Result of {@link mcdonaldOmega}. */
export interface McDonaldOmegaResult {
  readonly method: "mcdonald-omega";
  /** How the one factor was fitted. */
  readonly estimator: "one-factor minres (unweighted least squares on the off-diagonal correlations)";
  readonly missing: MissingMode;
  readonly itemNames: readonly string[];
  /** Items recoded as (min + max) − x before the correlations were computed. */
  readonly reversed: readonly string[];
  readonly k: number;
  readonly nRows: number;
  readonly nCompleteRows: number;
  /**
   * psych's omega total, `omega_tot` of `psych::omega(x, nfactors = 1)`:
   * 1 − Σu²/ΣΣR, with the observed total variance ΣΣR of the correlation matrix in the
   * denominator. This is the value psych reports as McDonald's omega.
   */
  readonly omegaTotal: number | null;
  /**
   * Model-implied omega (Σλ)²/((Σλ)² + Σu²): the total variance reproduced by the one-factor
   * model in the denominator. Differs from `omegaTotal` by the model misfit.
   */
  readonly omegaModelImplied: number | null;
  /** The two definitions in words, so a report can say which one it prints. */
  readonly definitions: {
    readonly omegaTotal: string;
    readonly omegaModelImplied: string;
  };
  /** Standardised one-factor loadings λ (Σλ ≥ 0) [psych::fa loadings]. */
  readonly loadings: readonly (number | null)[];
  /** u² = 1 − λ² [psych::fa uniquenesses]. */
  readonly uniquenesses: readonly (number | null)[];
  /**
   * True for a Heywood case: without bounds some |λ| would reach 1 or more (uniqueness near or
   * below 0). The reported solution then holds that uniqueness at psych's bound 0.005.
   */
  readonly heywood: boolean;
  /** Whether the minres fit converged (largest loading change < 1e-12). */
  readonly converged: boolean;
  readonly warnings: readonly Notice[];
}

const DEFINITIONS = {
  omegaTotal:
    "omega total as psych::omega(nfactors = 1) reports it: 1 − Σu² / ΣΣR (observed total variance of the correlation matrix)",
  omegaModelImplied:
    "model-implied omega: (Σλ)² / ((Σλ)² + Σu²) (total variance implied by the one-factor model)",
} as const;

/**
 * McDonald's omega of a one-factor model fitted by minres to the item correlation matrix, as
 * psych::omega(nfactors = 1) reports it, plus the model-implied variant.
 *
 * ## Method
 * R = `cor(x, use = "pairwise")` of the (reverse-keyed) items (complete rows only in
 * `"listwise"` mode). One factor is fitted by minres ({@link oneFactorMinres}): loadings λ,
 * uniquenesses u² = 1 − λ². Then
 * - ω_total = 1 − Σu²/ΣΣR (psych's `omega_tot`: observed total variance)
 * - ω_model = (Σλ)²/((Σλ)² + Σu²) (model-implied total variance)
 * Both are on the standardised (correlation) scale; the lavaan/CFA "omega" on raw covariances
 * is a third estimator and is not computed here. Declared reverse keys are applied before R is
 * computed (psych's `key = −1`); items are never flipped automatically — a loading with the
 * opposite sign of the others is reported in `warnings` instead (psych's `flip = TRUE` would
 * reverse it silently).
 *
 * References: McDonald, R. P. (1999), Test Theory: A Unified Treatment, Erlbaum.
 * Revelle, W. & Zinbarg, R. E. (2009), Psychometrika 74(1), 145–154. Revelle, W. psych.
 *
 * In R: `psych::omega(x, nfactors = 1, key = keys)$omega.tot` and
 * `psych::fa(x, nfactors = 1, fm = "minres")`.
 *
 * @category psychometrics
 * @param data - an array of rows, `{ columns }`, or an accumulator from `accumulateItems`
 * @param options - as {@link cronbachAlpha}
 * @returns both omegas, the loadings and uniquenesses; null with a warning when they cannot be
 *   computed (fewer than 3 items, n < 2, zero variance); a warning for Heywood cases
 * @throws {ServqualError} `invalid-input` for fewer than 2 items, ragged rows, ±Infinity;
 *   `invalid-options` for bad options
 * @example
 * const rows = [[3, 2, 2, 3], [2, 3, 3, 3], [1, 2, 1, 1], [2, 2, 2, 4], [2, 1, 1, 2],
 *   [1, 1, 1, 2], [5, 4, 4, 5], [4, 4, 4, 2], [3, 4, 2, 3], [1, 3, 3, 2]];
 * mcdonaldOmega(rows).omegaTotal;
 * //=> 0.87443… (psych::omega(rows, nfactors = 1)$omega.tot = 0.8744390)
 */
export function mcdonaldOmega(
  data: ItemData,
  options: ReliabilityOptions = {},
): McDonaldOmegaResult {
  const { acc, missing } = openScale("mcdonaldOmega", data, options);
  const k = acc.k;
  const names = acc.itemNames;
  const m = itemMoments(acc, missing);
  const warnings: Notice[] = [...recodingWarnings(acc)];
  const empty = {
    method: "mcdonald-omega" as const,
    estimator:
      "one-factor minres (unweighted least squares on the off-diagonal correlations)" as const,
    missing,
    itemNames: [...names],
    reversed: names.filter((_, i) => acc.reversed[i]),
    k,
    nRows: m.nRows,
    nCompleteRows: m.nCompleteRows,
    omegaTotal: null,
    omegaModelImplied: null,
    definitions: DEFINITIONS,
    loadings: names.map(() => null),
    uniquenesses: names.map(() => null),
    heywood: false,
    converged: false,
  };
  const problems = covarianceProblems(m, names);
  const r = m.correlation;
  if (problems.length === 0) {
    for (let i = 0; i < k * k; i++) {
      if (!Number.isFinite(r[i] as number)) {
        problems.push(
          "a pairwise correlation is undefined (a pair of items without variance on their common rows)",
        );
        break;
      }
    }
  }
  if (problems.length === 0 && k < 3) {
    problems.push(`one factor is not identified with ${k} items (at least 3 are needed)`);
  }
  if (problems.length > 0) {
    return {
      ...empty,
      warnings: [
        ...warnings,
        ...problems.map((p) => notice("not-computable", `omega is null: ${p}`)),
      ],
    };
  }
  warnings.push(...indefiniteWarning(r, k, missing));
  const fit = minresOnMatrix(r, k);
  warnings.push(...fit.warnings);
  let sumR = 0;
  for (let i = 0; i < k * k; i++) sumR += r[i] as number;
  let sumL = 0;
  let sumU = 0;
  for (let i = 0; i < k; i++) {
    sumL += fit.loadings[i] as number;
    sumU += fit.uniquenesses[i] as number;
  }
  const omegaTotal = 1 - sumU / sumR;
  const omegaModelImplied = (sumL * sumL) / (sumL * sumL + sumU);
  if (fit.heywood) {
    const parts = names.flatMap((name, i) => {
      const l = fit.unconstrainedLoadings[i] as number;
      return 1 - l * l < 0.005
        ? [`${name} (loading ${l.toFixed(3)}, uniqueness ${(1 - l * l).toFixed(3)})`]
        : [];
    });
    warnings.push(
      notice(
        "heywood-case",
        `Heywood case: the unconstrained one-factor solution is improper for ${parts.join(", ")}. As psych does, the uniqueness was held at its lower bound 0.005; treat omega with caution (too few items per factor, or items that are near duplicates)`,
      ),
    );
  }
  warnings.push(
    ...keyingWarnings(
      names,
      correctedItemTotal(m.covariance, k),
      fit.loadings,
      acc.reversed,
      "the one factor",
    ),
  );
  return {
    ...empty,
    omegaTotal: finiteOrNull(omegaTotal),
    omegaModelImplied: finiteOrNull(omegaModelImplied),
    loadings: fit.loadings.map(finiteOrNull),
    uniquenesses: fit.uniquenesses.map(finiteOrNull),
    heywood: fit.heywood,
    converged: fit.converged,
    warnings,
  };
}
