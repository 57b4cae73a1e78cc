import { deepFreeze } from "../../_lib/deepFreeze";
import type { Scale } from "../types";

/**
 * An integer scale from `min` to `max` with only its two ends labelled, and the answers that mean
 * "not applicable" (kept as missing by design).
 *
 * @example endLabelledScale(1, 7, "strongly disagree", "strongly agree", [])
 * // → { min: 1, max: 7, step: 1, labels: [{ value: 1, … }, { value: 7, … }], notApplicable: [] }
 */
function endLabelledScale(
  min: number,
  max: number,
  low: string,
  high: string,
  notApplicable: readonly string[],
): Scale {
  return deepFreeze({
    min,
    max,
    step: 1,
    labels: [
      { value: min, label: low },
      { value: max, label: high },
    ],
    notApplicable,
  });
}

/** The 7-point agreement scale of SERVQUAL and SERVPERF; only the ends are labelled. */
export const sevenPointAgreement: Scale = endLabelledScale(
  1,
  7,
  "strongly disagree",
  "strongly agree",
  [],
);

/** The 9-point low–high scale of the three-column formats, with a "no opinion" answer. */
export const ninePointWithNoOpinion: Scale = endLabelledScale(1, 9, "low", "high", [
  "N",
  "N/A",
  "NA",
]);
