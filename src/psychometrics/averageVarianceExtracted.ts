import { type Notice, notice } from "../_lib/notice";
import { checkLoadings, positions } from "./checkLoadings";

/** Result of {@link averageVarianceExtracted}. */
export interface AverageVarianceExtractedResult {
  /** Σλ² / k, or null for a Heywood loading (|λ| > 1). */
  readonly value: number | null;
  readonly k: number;
  /** Conventional cut-off .50: the construct explains more variance than the error does. */
  readonly threshold: 0.5;
  readonly meetsThreshold: boolean | null;
  readonly warnings: readonly Notice[];
}

/**
 * Average variance extracted (AVE) of one construct from its standardised loadings: the mean
 * squared loading, i.e. the share of indicator variance the construct accounts for
 * (Fornell & Larcker 1981).
 *
 * AVE = Σλ² / k (with standardised indicators, Σλ²/(Σλ² + Σ(1 − λ²)) reduces to this)
 *
 * Reference: Fornell, C. & Larcker, D. F. (1981), Journal of Marketing Research 18(1), 39–50.
 *
 * In R: `semTools::AVE(fit)` on a fitted lavaan model; `mean(l^2)` from standardised loadings.
 *
 * @category psychometrics
 * @param loadings - standardised loadings λ of the construct's indicators
 * @returns AVE and whether it reaches .50; null with a warning for a Heywood loading (|λ| > 1)
 * @throws {ServqualError} `empty-input` for no loadings; `invalid-input` for non-finite values
 * @example
 * averageVarianceExtracted([0.7, 0.8, 0.9]).value;
 * //=> 0.64666… (= (0.49 + 0.64 + 0.81) / 3)
 */
export function averageVarianceExtracted(
  loadings: ReadonlyArray<number>,
): AverageVarianceExtractedResult {
  const { heywood, negative } = checkLoadings(loadings, "averageVarianceExtracted");
  const k = loadings.length;
  const warnings: Notice[] = [];
  if (negative.length > 0) {
    warnings.push(
      notice(
        "negative-loading",
        `negative loading(s) ${positions(negative)}: check that reverse-keyed indicators were recoded`,
      ),
    );
  }
  if (heywood.length > 0) {
    warnings.push(
      notice(
        "heywood-case",
        `loading(s) ${positions(heywood)} exceed 1 in absolute value (Heywood case); AVE is null`,
      ),
    );
    return { value: null, k, threshold: 0.5, meetsThreshold: null, warnings };
  }
  let squares = 0;
  for (const l of loadings) squares += l * l;
  const value = squares / k;
  return { value, k, threshold: 0.5, meetsThreshold: value >= 0.5, warnings };
}
