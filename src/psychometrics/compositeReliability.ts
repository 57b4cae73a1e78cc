import { type Notice, notice } from "../_lib/notice";
import { checkLoadings, positions } from "./checkLoadings";

/** Result of {@link compositeReliability}. */
export interface CompositeReliabilityResult {
  /** (Σλ)² / ((Σλ)² + Σ(1 − λ²)), or null for a Heywood loading (|λ| > 1). */
  readonly value: number | null;
  /** Number of loadings. */
  readonly k: number;
  /** Conventional cut-off .70 (Fornell & Larcker 1981; Nunnally 1978). */
  readonly threshold: 0.7;
  /** value ≥ threshold, or null when value is null. */
  readonly meetsThreshold: boolean | null;
  readonly warnings: readonly Notice[];
}

/**
 * Composite (construct) reliability of one construct from its standardised loadings, with
 * error variances 1 − λ² (Fornell & Larcker 1981; also called Jöreskog's ρ or the CFA omega).
 *
 * CR = (Σλ)² / ((Σλ)² + Σ(1 − λ²))
 *
 * Computed only from loadings you supply (for example `oneFactorMinres(…).loadings` or a CFA's
 * standardised solution); servqual does not fit CFAs.
 *
 * Reference: Fornell, C. & Larcker, D. F. (1981), Journal of Marketing Research 18(1), 39–50.
 *
 * In R: `semTools::compRelSEM(fit)` on a fitted lavaan model (with standardised loadings:
 * `sum(l)^2 / (sum(l)^2 + sum(1 - l^2))`).
 *
 * @category psychometrics
 * @param loadings - standardised loadings λ of the construct's indicators
 * @returns CR and whether it reaches .70; null with a warning when a loading exceeds 1 in
 *   absolute value (Heywood case); a warning for negative loadings
 * @throws {ServqualError} `empty-input` for no loadings; `invalid-input` for non-finite values
 * @example
 * compositeReliability([0.7, 0.8, 0.9]).value;
 * //=> 0.84457… (= 2.4² / (2.4² + 1.06) = 5.76 / 6.82)
 */
export function compositeReliability(loadings: ReadonlyArray<number>): CompositeReliabilityResult {
  const { heywood, negative } = checkLoadings(loadings, "compositeReliability");
  const k = loadings.length;
  const warnings: Notice[] = [];
  if (k === 1)
    warnings.push(notice("single-indicator", "a single indicator: CR equals its squared loading"));
  if (negative.length > 0) {
    warnings.push(
      notice(
        "negative-loading",
        `negative loading(s) ${positions(negative)}: reverse-keyed indicators must be recoded first; a negative loading lowers (Σλ)²`,
      ),
    );
  }
  if (heywood.length > 0) {
    warnings.push(
      notice(
        "heywood-case",
        `loading(s) ${positions(heywood)} exceed 1 in absolute value (Heywood case: negative error variance); CR is null`,
      ),
    );
    return { value: null, k, threshold: 0.7, meetsThreshold: null, warnings };
  }
  let sum = 0;
  let error = 0;
  for (const l of loadings) {
    sum += l;
    error += 1 - l * l;
  }
  const denominator = sum * sum + error;
  if (!(denominator > 0)) {
    warnings.push(notice("undefined-statistic", "(Σλ)² + Σ(1 − λ²) is zero: CR is undefined"));
    return { value: null, k, threshold: 0.7, meetsThreshold: null, warnings };
  }
  const value = (sum * sum) / denominator;
  return { value, k, threshold: 0.7, meetsThreshold: value >= 0.7, warnings };
}
