import type { Dimension, Item } from "../types";

/**
 * Items numbered from `first` (ids "first", "first+1", …) with the given labels, all positively
 * worded unless `reversed` names their numbers. The SERVQUAL numbering: one id sequence across
 * all dimensions, as in the questionnaire (Parasuraman, Zeithaml & Berry 1988, table 1).
 *
 * @example numberedItems(10, ["prompt service", "willing to help"], new Set([11]))
 * // → [{ id: "10", label: "prompt service", reverse: false },
 * //    { id: "11", label: "willing to help", reverse: true }]
 */
export function numberedItems(
  first: number,
  labels: readonly string[],
  reversed: ReadonlySet<number> = new Set(),
): Item[] {
  return labels.map((label, i) => ({
    id: String(first + i),
    label,
    reverse: reversed.has(first + i),
  }));
}

/**
 * One dimension whose items carry its code and their position: ids `CODE-1`, `CODE-2`, … (the
 * LibQUAL numbering, Thompson, Cook & Kyrillidou 2005). All items positively worded.
 *
 * @example codedDimension("lp", "Library as Place", "LP", ["quiet space"])
 * // → { id: "lp", label: "Library as Place", items: [{ id: "LP-1", label: "quiet space", reverse: false }] }
 */
export function codedDimension(
  id: string,
  label: string,
  code: string,
  labels: readonly string[],
): Dimension {
  return {
    id,
    label,
    items: labels.map((itemLabel, i) => ({
      id: `${code}-${i + 1}`,
      label: itemLabel,
      reverse: false,
    })),
  };
}
