import { checkOptionKeys, expectKind, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";

/** Inputs of {@link differenceScoreReliability}: the two components of D = P − E. */
export interface DifferenceScoreInputs {
  /** Reliability of P (e.g. Cronbach's alpha of the perception items), at most 1. */
  readonly reliabilityP: number;
  /** Reliability of E, at most 1. */
  readonly reliabilityE: number;
  /** Variance of the P score (≥ 0). */
  readonly varianceP: number;
  /** Variance of the E score (≥ 0). */
  readonly varianceE: number;
  /** Correlation of P and E, in [−1, 1]. */
  readonly correlationPE: number;
}

/** Result of {@link differenceScoreReliability}. */
export interface DifferenceScoreReliabilityResult {
  /** Reliability of the difference score D = P − E, or null when Var(D) ≤ 0. */
  readonly reliability: number | null;
  /** σP²·r_PP + σE²·r_EE − 2·r_PE·σP·σE (true-score variance of D). */
  readonly numerator: number;
  /** σP² + σE² − 2·r_PE·σP·σE (observed variance of D). */
  readonly denominator: number;
  readonly warnings: readonly Notice[];
}

const INPUTS = optionNames<DifferenceScoreInputs>({
  reliabilityP: true,
  reliabilityE: true,
  varianceP: true,
  varianceE: true,
  correlationPE: true,
});

/**
 * Reliability of a difference score D = P − E (such as a SERVQUAL gap) from the reliabilities,
 * variances and correlation of its two components, in classical test theory.
 *
 * r_D = (σP²·r_PP + σE²·r_EE − 2·r_PE·σP·σE) / (σP² + σE² − 2·r_PE·σP·σE)
 *
 * With equal variances this is ((r_PP + r_EE)/2 − r_PE)/(1 − r_PE): the more P and E correlate,
 * the less reliable their difference, which is the first of the four difference-score problems
 * Peter, Churchill & Brown (1993) raise against SERVQUAL gaps.
 *
 * References: Lord, F. M. (1958), Journal of Educational Psychology 49(3), 150–152. Johns, G. (1981),
 * Organizational Behavior and Human Performance 27(3), 443–463. Peter, J. P., Churchill, G. A.
 * & Brown, T. J. (1993), Journal of Consumer Research 19(4), 655–662.
 *
 * In R: no packaged function; the formula above in one line.
 *
 * @category psychometrics
 * @param inputs - reliabilities of P and E, their variances and their correlation
 * @returns r_D with its numerator and denominator; null with a warning when the variance of the
 *   difference is 0 or less (e.g. equal variances and r_PE = 1); a warning when r_D < .70
 *   (Nunnally 1978)
 * @throws {ServqualError} `invalid-input` for non-finite inputs, a negative variance, a
 *   reliability above 1 or a correlation outside [−1, 1]
 * @example
 * differenceScoreReliability({ reliabilityP: 0.85, reliabilityE: 0.85, varianceP: 1,
 *   varianceE: 1, correlationPE: 0.5 }).reliability;
 * //=> 0.7 (= (0.85 − 0.5)/(1 − 0.5))
 */
export function differenceScoreReliability(
  inputs: DifferenceScoreInputs,
): DifferenceScoreReliabilityResult {
  expectKind("differenceScoreReliability", "inputs", inputs, "object", "an object of inputs");
  checkOptionKeys("differenceScoreReliability", inputs, INPUTS, "inputs");
  const fn = "differenceScoreReliability";
  if (typeof inputs !== "object" || inputs === null) {
    throw new ServqualError("invalid-input", `${fn} requires an object of inputs`);
  }
  const issues: Issue[] = [];
  const names = [
    "reliabilityP",
    "reliabilityE",
    "varianceP",
    "varianceE",
    "correlationPE",
  ] as const;
  for (const name of names) {
    const v: unknown = inputs[name];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      issues.push({
        code: "not-finite",
        message: `${name} must be a finite number, got ${String(v)}`,
        path: [name],
      });
    }
  }
  if (issues.length === 0) {
    for (const name of ["varianceP", "varianceE"] as const) {
      if (inputs[name] < 0) {
        issues.push({
          code: "out-of-range",
          message: `${name} is negative (${inputs[name]})`,
          path: [name],
        });
      }
    }
    for (const name of ["reliabilityP", "reliabilityE"] as const) {
      if (inputs[name] > 1) {
        issues.push({
          code: "out-of-range",
          message: `${name} is above 1 (${inputs[name]})`,
          path: [name],
        });
      }
    }
    if (Math.abs(inputs.correlationPE) > 1) {
      issues.push({
        code: "out-of-range",
        message: `correlationPE must lie in [−1, 1], got ${inputs.correlationPE}`,
        path: ["correlationPE"],
      });
    }
  }
  if (issues.length > 0) throw new ServqualError("invalid-input", `${fn}: invalid inputs`, issues);
  const {
    reliabilityP: rpp,
    reliabilityE: ree,
    varianceP: vp,
    varianceE: ve,
    correlationPE: rpe,
  } = inputs;
  const cross = 2 * rpe * Math.sqrt(vp) * Math.sqrt(ve);
  const numerator = vp * rpp + ve * ree - cross;
  const denominator = vp + ve - cross;
  const warnings: Notice[] = [];
  for (const name of ["reliabilityP", "reliabilityE"] as const) {
    if (inputs[name] < 0)
      warnings.push(
        notice(
          "negative-reliability-input",
          `${name} is negative (${inputs[name]}): check the items' keys`,
        ),
      );
  }
  if (!(denominator > 1e-12 * (vp + ve))) {
    warnings.push(
      notice(
        "zero-variance",
        "the variance of the difference P − E is zero or negative (P and E are perfectly correlated with equal spread): its reliability is undefined",
      ),
    );
    return { reliability: null, numerator, denominator, warnings };
  }
  const reliability = numerator / denominator;
  if (reliability < 0.7) {
    warnings.push(
      notice(
        "low-reliability",
        `the difference score's reliability ${reliability.toFixed(3)} is below .70: report P and E separately as well (Peter, Churchill & Brown 1993)`,
      ),
    );
  }
  return { reliability, numerator, denominator, warnings };
}
