import { type Notice, notice } from "../_lib/notice";
import { matrixSums } from "./matrixSums";
import { type SymmetricEigen, symmetricEigen } from "./symmetricEigen";

/**
 * Reverse-keying guardrails shared by alpha, item analysis and omega (internal).
 *
 * Two signs that an item is scored the wrong way round: its corrected item–total correlation
 * (r_drop) is negative, or its loading on the first principal component (or on the one factor)
 * has the opposite sign of most items. Both are computed after declared reverse keys were
 * applied, and neither depends on the order of the items.
 */

/** Corrected item–total (item–rest) correlations from C: (ΣⱼCᵢⱼ − Cᵢᵢ)/sqrt(Cᵢᵢ·ΣΣC₋ᵢ,₋ᵢ). */
export function correctedItemTotal(c: ArrayLike<number>, k: number): Float64Array {
  const { total: sumC, columns: colSum } = matrixSums(c, k);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const cii = c[i * k + i] as number;
    const col = colSum[i] as number;
    // ΣΣ of C without row and column i: total − 2·colsum_i + C_ii
    const vDrop = sumC - 2 * col + cii;
    out[i] = (col - cii) / Math.sqrt(cii * vDrop);
  }
  return out;
}

/**
 * Warning when a (pairwise) correlation matrix is not positive semi-definite: then alpha, λ6
 * and omega can leave [0, 1]. Empty when the matrix is fine or not finite. With constant items
 * the correlation matrix is undefined and the covariance matrix is checked instead
 * (`matrix: "covariance"`): raw alpha comes from it and leaves [0, 1] the same way.
 */
export function indefiniteWarning(
  r: ArrayLike<number>,
  k: number,
  missing: string,
  eigen: SymmetricEigen | null = null,
  matrix: "correlation" | "covariance" = "correlation",
): Notice[] {
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(r[i] as number)) return [];
  const { values } = eigen ?? symmetricEigen(r, k);
  const smallest = values[k - 1] as number;
  if (smallest >= -1e-10 * Math.max(1, values[0] as number)) return [];
  return [
    notice(
      "not-positive-definite",
      `the ${missing === "pairwise" ? "pairwise " : ""}${matrix} matrix is not positive semi-definite (smallest eigenvalue ${smallest.toPrecision(3)})${missing === "pairwise" ? ", which pairwise deletion can cause" : ""}: coefficients can fall outside [0, 1]; consider missing: "listwise"`,
    ),
  ];
}

/** First principal component loadings of a correlation matrix, or null if not defined. */
export function firstComponentLoadings(
  r: ArrayLike<number>,
  k: number,
  eigen: SymmetricEigen | null = null,
): Float64Array | null {
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(r[i] as number)) return null;
  const { values, vectors } = eigen ?? symmetricEigen(r, k);
  const top = values[0] as number;
  if (!(top > 0)) return null;
  // A tie between the first two eigenvalues leaves the component undefined.
  if (k > 1 && top - (values[1] as number) <= 1e-10 * top) return null;
  const out = new Float64Array(k);
  const scale = Math.sqrt(top);
  for (let i = 0; i < k; i++) out[i] = (vectors[i * k] as number) * scale;
  return out;
}

/**
 * Indices of loadings whose sign is opposite to the majority sign (ties broken by the sign of
 * the sum). Loadings within 1e-12 of zero count for neither side. Order-independent.
 */
export function oppositeSignItems(loadings: ArrayLike<number>): number[] {
  let positive = 0;
  let negative = 0;
  let sum = 0;
  for (let i = 0; i < loadings.length; i++) {
    const l = loadings[i] as number;
    if (l > 1e-12) positive++;
    else if (l < -1e-12) negative++;
    sum += l;
  }
  let majority: 1 | -1 | 0;
  if (positive !== negative) majority = positive > negative ? 1 : -1;
  else majority = sum > 1e-12 ? 1 : sum < -1e-12 ? -1 : 0;
  if (majority === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < loadings.length; i++) {
    const l = loadings[i] as number;
    if (majority * l < -1e-12) out.push(i);
  }
  return out;
}

/** Item names of `indices`, sorted by name so that a warning does not depend on item order. */
function list(names: readonly string[], indices: readonly number[]): string {
  return indices
    .map((i) => names[i] as string)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(", ");
}

/**
 * Plain-language warnings for negative r_drop and for loadings (first principal component or
 * one factor, named by `loadingsOf`) whose sign is opposite to the majority.
 */
export function keyingWarnings(
  names: readonly string[],
  rDrop: ArrayLike<number> | null,
  pc1: ArrayLike<number> | null,
  declaredReverse: readonly boolean[],
  loadingsOf = "the first principal component",
): Notice[] {
  const warnings: Notice[] = [];
  const hint = (indices: readonly number[]): string => {
    const declared = indices.filter((i) => declaredReverse[i]);
    if (declared.length > 0) {
      return ` (${list(names, declared)} ${declared.length === 1 ? "was" : "were"} declared reverse-keyed: check that ${declared.length === 1 ? "it" : "they"} really should be)`;
    }
    return indices.length === 1
      ? "; is it reverse-worded and not recoded?"
      : "; are they reverse-worded and not recoded?";
  };
  const negative: number[] = [];
  if (rDrop !== null) {
    for (let i = 0; i < rDrop.length; i++) if ((rDrop[i] as number) < 0) negative.push(i);
    if (negative.length > 0) {
      warnings.push(
        notice(
          "negative-item-total",
          `negative corrected item–total correlation (r_drop) for ${list(names, negative)}: ${negative.length === 1 ? "the item runs" : "these items run"} against the rest of the scale${hint(negative)}`,
        ),
      );
    }
  }
  if (pc1 !== null) {
    const opposite = oppositeSignItems(pc1);
    if (opposite.length > 0) {
      warnings.push(
        notice(
          "opposite-loading",
          `${list(names, opposite)} load${opposite.length === 1 ? "s" : ""} on ${loadingsOf} with the opposite sign of the other items${hint(opposite)}`,
        ),
      );
      if (negative.length > opposite.length) {
        warnings.push(
          notice(
            "opposite-loading",
            `with several miscoded items r_drop turns negative for correctly keyed items too; the ${loadingsOf} signs single out ${list(names, opposite)}`,
          ),
        );
      }
    }
  }
  return warnings;
}

/** The plain-language explanation that comes with a negative alpha. */
export function negativeAlphaWarning(
  alpha: number,
  names: readonly string[],
  rDrop: ArrayLike<number> | null,
  pc1: ArrayLike<number> | null,
): Notice {
  // The loading signs single out the miscoded items; r_drop flags too many when several are.
  let items = pc1 !== null ? oppositeSignItems(pc1) : [];
  if (items.length === 0 && rDrop !== null) {
    items = [];
    for (let i = 0; i < rDrop.length; i++) if ((rDrop[i] as number) < 0) items.push(i);
  }
  const which =
    items.length > 0
      ? ` Likely miscoded (reverse-worded but not recoded, or recoded twice): ${list(names, items)}.`
      : "";
  return notice(
    "negative-alpha",
    `alpha is negative (${alpha.toPrecision(3)}): the items covary negatively on average, so the total score is not measuring one thing consistently. This almost always means some items are scored in the opposite direction.${which} It does not mean "reliability below zero"; fix the item keys and recompute.`,
  );
}
