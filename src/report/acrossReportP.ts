import type { AcrossReportAdjustment } from "../context/adjustAcrossReport";
import { type Cell, pCell } from "./cells";

/**
 * Which adjusted p a context section shows and reads its words from: the across-report one
 * (adjustAcrossReport) when the report's context was adjusted as a whole, else each call's own.
 */
export interface PColumns {
  /** Headers of the two p columns: the raw p, then the adjusted one. */
  readonly headers: readonly [string, string];
  /** The sentence saying which adjusted p is shown and that the words follow it. */
  readonly note: string;
  /** The adjusted p a significance word of the section uses. */
  chosen(test: object, within: number | null | undefined): number | null;
  /** The raw p and the chosen adjusted p as two cells. */
  cells(test: object, raw: number | null | undefined, within: number | null | undefined): Cell[];
}

/** The across-report adjusted p of a test, if the context was adjusted as a whole. */
function acrossOf(test: object): number | null | undefined {
  return (test as { adjustedAcrossReport?: number | null }).adjustedAcrossReport;
}

/**
 * The p columns of a context section: with `across` (the report's `acrossReport`), the raw p
 * beside the p adjusted across the whole report (Holm or Benjamini–Hochberg over all m tests);
 * without it, the raw p beside the p adjusted within the section's own call.
 *
 * @example
 * pColumns({ method: "holm", level: 0.95, m: 224, significant: 6, families: [] }).headers
 * //=> ["p", "p adj. (report)"]
 */
export function pColumns(
  across: AcrossReportAdjustment | null | undefined,
  withinMethod: string,
): PColumns {
  if (across === null || across === undefined || across.m === 0) {
    return {
      headers: ["p", "p adj."],
      note: `p adj.: adjusted (${withinMethod}) within this section; significance words use it.`,
      chosen: (_test, within) => within ?? null,
      cells: (_test, raw, within) => [pCell(raw), pCell(within)],
    };
  }
  const name = across.method === "holm" ? "Holm" : "Benjamini–Hochberg";
  return {
    headers: ["p", "p adj. (report)"],
    note: `p adj. (report): adjusted (${name}) across all ${across.m} tests of the report; significance words use it.`,
    chosen: (test) => acrossOf(test) ?? null,
    cells: (test, raw) => [pCell(raw), pCell(acrossOf(test))],
  };
}
