import { interval } from "../_lib/interval";
import { normalQuantile } from "./distributions/stdlib/normalQuantile";
import type { ConfidenceInterval } from "./types";

/**
 * The normal-approximation interval estimate ± z₁₋α/₂·se (Hedges & Olkin 1985, Statistical
 * Methods for Meta-Analysis) used for Cohen's d and d_z; both bounds are null when the estimate
 * or its se is null.
 *
 * @example
 * normalInterval(0.95, 0.5, 0.5303300858899106);
 * //=> { level: 0.95, lower: -0.5394…, upper: 1.5394…, method: "normal-approximation" }
 */
export function normalInterval(
  level: number,
  estimate: number | null,
  se: number | null,
): ConfidenceInterval {
  if (estimate === null || se === null) return interval(level, null, null, "normal-approximation");
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return interval(level, estimate - z * se, estimate + z * se, "normal-approximation");
}
