import { ServqualError } from "../_lib/ServqualError";
import type { Alternative } from "./types";

/**
 * Validates a confidence level (0 < level < 1); `undefined` gives `fallback`.
 *
 * @throws {ServqualError} `invalid-options` otherwise.
 */
export function checkLevel(level: number | undefined, fn: string, fallback = 0.95): number {
  if (level === undefined) return fallback;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new ServqualError("invalid-options", `${fn}: level must be a number between 0 and 1`, [
      { code: "out-of-range", message: `level is ${String(level)}`, path: ["level"] },
    ]);
  }
  return level;
}

/**
 * Validates an alternative hypothesis; `undefined` gives `"two-sided"`.
 *
 * @throws {ServqualError} `invalid-options` for an unknown name.
 */
export function checkAlternative(alternative: Alternative | undefined, fn: string): Alternative {
  if (alternative === undefined) return "two-sided";
  if (alternative === "two-sided" || alternative === "less" || alternative === "greater") {
    return alternative;
  }
  throw new ServqualError(
    "invalid-options",
    `${fn}: alternative must be "two-sided", "less" or "greater"`,
    [
      {
        code: "unknown-value",
        message: `alternative is ${String(alternative)}`,
        path: ["alternative"],
      },
    ],
  );
}
