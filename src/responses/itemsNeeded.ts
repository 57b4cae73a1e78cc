import { invalidArgument, shapes } from "../_lib/guards";
import type { MissingPolicy } from "./types";

const FN = "itemsNeeded";
const POLICY = shapes.missingPolicy.what;

/**
 * How many of a dimension's k items a respondent must have answered for a dimension score under
 * a missing-data policy: the one scoring rule of the library (every analysis scores respondents
 * through it).
 *
 * - `listwise`: all k.
 * - `pairwise`: at least 1.
 * - `minimum-share` with share s and optional `atLeast` a (default 1):
 *   max(1, a, ⌈s·k⌉). With s = 0.5 and a = 2 this is the index rule max(2, ⌈k/2⌉) of the
 *   trust and commitment indices (a scale index needs at least two answered items and at least
 *   half of them); it can exceed k (a one-item dimension is never scored under it).
 *
 * Reference: Parasuraman, Berry & Zeithaml (1991), J. Retailing 67(4):420–450 (dimension
 * scores as item means); Schafer & Graham (2002), Psychological Methods 7(2):147–177 (person
 * mean over available items).
 *
 * @example
 * itemsNeeded({ kind: "minimum-share", share: 0.5 }, 5) //=> 3
 * itemsNeeded({ kind: "minimum-share", share: 0.5, atLeast: 2 }, 3) //=> 2
 */
export function itemsNeeded(policy: MissingPolicy, size: number): number {
  // Called per dimension and chunk: direct property checks, cheaper than expectShape.
  if (typeof policy?.kind !== "string") throw invalidArgument(FN, "policy", POLICY, policy);
  if (typeof size !== "number") throw invalidArgument(FN, "size", "a number of items", size);
  switch (policy.kind) {
    case "listwise":
      return size;
    case "pairwise":
      return 1;
    case "minimum-share":
      return Math.max(1, policy.atLeast ?? 1, Math.ceil(policy.share * size - 1e-9));
  }
}
