import { invalidArgument, shapes } from "../_lib/guards";
import type { MissingPolicy } from "./types";

const FN = "itemsNeeded";
const POLICY = shapes.missingPolicy.what;

/**
 * How many of a dimension's items a respondent must have answered for a dimension score under
 * a missing-data policy: all of them (`listwise`), at least one (`pairwise`), or at least the
 * share, rounded up and never below one (`minimum-share`).
 *
 * @example
 * itemsNeeded({ kind: "minimum-share", share: 0.5 }, 5) //=> 3
 */
export function itemsNeeded(policy: MissingPolicy, size: number): number {
  // Called per respondent and dimension: direct property checks, cheaper than expectShape.
  if (typeof policy?.kind !== "string") throw invalidArgument(FN, "policy", POLICY, policy);
  if (typeof size !== "number") throw invalidArgument(FN, "size", "a number of items", size);
  switch (policy.kind) {
    case "listwise":
      return size;
    case "pairwise":
      return 1;
    case "minimum-share":
      return Math.max(1, Math.ceil(policy.share * size - 1e-9));
  }
}
