import type { Alternative } from "../types";
import { probability } from "./probability";
import { normalCdf } from "./stdlib/normalCdf";

/**
 * p-value of a standard normal statistic, tails computed as Φ(−|z|): two-sided 2·Φ(−|z|),
 * "less" Φ(z), "greater" Φ(−z) (R: `pnorm`).
 *
 * @example
 * normalPValue(1.959963984540054, "two-sided") //=> 0.05
 */
export function normalPValue(z: number, alternative: Alternative): number | null {
  switch (alternative) {
    case "less":
      return probability(normalCdf(z, 0, 1));
    case "greater":
      return probability(normalCdf(-z, 0, 1));
    default:
      return probability(2 * normalCdf(-Math.abs(z), 0, 1));
  }
}
