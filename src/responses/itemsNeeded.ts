import { expectKind, expectShape, shapes } from "../_lib/guards";
import type { MissingPolicy } from "./types";

/**
 * How many of a dimension's items a respondent must have answered for a dimension score under
 * a missing-data policy: all of them (`listwise`), at least one (`pairwise`), or at least the
 * share, rounded up and never below one (`minimum-share`).
 *
 * @example
 * itemsNeeded({ kind: "minimum-share", share: 0.5 }, 5) //=> 3
 */
export function itemsNeeded(policy: MissingPolicy, size: number): number {
  expectShape("itemsNeeded", "policy", policy, shapes.missingPolicy);
  expectKind("itemsNeeded", "size", size, "number", "a number of items");
  switch (policy.kind) {
    case "listwise":
      return size;
    case "pairwise":
      return 1;
    case "minimum-share":
      return Math.max(1, Math.ceil(policy.share * size - 1e-9));
  }
}
