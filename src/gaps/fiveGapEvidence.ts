import type { Interval } from "../_lib/interval";
import type { GapNumber } from "./envelope";

/**
 * One number behind a link of the five-gap model: which gap it comes from, what it measures,
 * its value in `unit`, its interval or p-value where the gap gives one, and how many
 * respondents, managers or records it rests on.
 *
 * @example
 * const e: FiveGapEvidence = { gap: 5, subject: "responsiveness", measure: "mean gap", value: -1.2,
 *   unit: "scale points", ci: null, p: 0.003, n: 40 };
 */
export interface FiveGapEvidence {
  readonly gap: GapNumber;
  /** The dimension, item, standard or promise the number belongs to. */
  readonly subject: string;
  /** What the number is, e.g. "mean gap", "compliance − target share", "overpromise". */
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** The gap's own interval of `value` (or of the rate named in `measure`), null when it gives none. */
  readonly ci: Interval | null;
  /** Adjusted p-value where the gap tests the value, else null. */
  readonly p: number | null;
  readonly n: number;
}

/** The cause a link points at, after the gap it comes from (Parasuraman, Zeithaml & Berry 1985). */
export type FiveGapCause = "knowledge" | "standards" | "delivery" | "communication";

/** A weakest contributing factor of a gap, from `contributingFactors` (index 0–100). */
export interface FiveGapFactor {
  readonly factor: string;
  readonly label: string;
  readonly index: number;
}

/**
 * A link from a Gap 5 shortfall on one dimension to a provider gap (1–4) that explains it, by
 * one of the documented rules (docs/formulas-gaps.md, "The five-gap model").
 */
export interface FiveGapLink {
  readonly dimension: string;
  readonly cause: FiveGapCause;
  readonly gap: 1 | 2 | 3 | 4;
  /** The rule that fired, in one sentence. */
  readonly rule: string;
  /** The Gap 5 shortfall first, then the provider gap's numbers. */
  readonly evidence: readonly FiveGapEvidence[];
  /** The weakest contributing factors of the linked gap; null without a factor survey. */
  readonly factors: readonly FiveGapFactor[] | null;
}
