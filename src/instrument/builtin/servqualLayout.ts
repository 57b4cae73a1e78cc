import type { Dimension } from "../types";
import { numberedItems } from "./itemTable";

/** The five SERVQUAL dimensions and how many of the 22 numbered items each holds, in order. */
const SERVQUAL_DIMENSIONS = [
  { id: "tangibles", label: "Tangibles", count: 4 },
  { id: "reliability", label: "Reliability", count: 5 },
  { id: "responsiveness", label: "Responsiveness", count: 4 },
  { id: "assurance", label: "Assurance", count: 4 },
  { id: "empathy", label: "Empathy", count: 5 },
] as const;

/**
 * The 22 SERVQUAL items in their five dimensions, from the 22 item labels in questionnaire order:
 * 1–4 tangibles, 5–9 reliability, 10–13 responsiveness, 14–17 assurance, 18–22 empathy. The 1988
 * scale and its 1991 revision share this layout (Parasuraman, Berry & Zeithaml 1991, J. Retailing
 * 67(4), table 1); they differ in wording and in which items are reverse-scored.
 *
 * @param labels - The 22 item labels, item 1 first.
 * @param reversed - Numbers of the negatively worded items.
 * @example servqualDimensions(labels1991)[2].items[0] // → { id: "10", label: …, reverse: false }
 */
export function servqualDimensions(
  labels: readonly string[],
  reversed: ReadonlySet<number> = new Set(),
): Dimension[] {
  let next = 0;
  return SERVQUAL_DIMENSIONS.map(({ id, label, count }) => {
    const items = numberedItems(next + 1, labels.slice(next, next + count), reversed);
    next += count;
    return { id, label, items };
  });
}
