import type * as Reports from "../report";
import { fiveGapSummary } from "./fiveGapSummary";
import { relationshipSummarySection } from "./relationshipInputs";
import { trustSummarySection } from "./trustInputs";

/** The helpers a summary section draws its lines with (those of the built-in sections). */
export interface SummaryTools {
  /** Columns available: min(terminal width, 100), at least 40. */
  readonly width: number;
  /** ANSI colour `code` around `text` (plain when colour is off). */
  readonly paint: (code: string, text: string) => string;
  readonly bold: (text: string) => string;
  /** Text from the input without control characters, on one line. */
  readonly clean: (text: string) => string;
  /** Text cut to `room` characters with "…". */
  readonly clip: (text: string, room: number) => string;
  /** A line of plain text cut to the width (paint after cutting). */
  readonly line: (text: string) => string;
  /** A number with APA formatting ("—" for null). */
  readonly num: (value: number | null | undefined, decimals?: number) => string;
  /** A gap, in red when negative. */
  readonly gapText: (value: number | null | undefined) => string;
  /** An interval "[lower, upper]". */
  readonly ci: (interval: { lower: number | null; upper: number | null }) => string;
}

/**
 * A section of the terminal summary: the lines it adds for a report's results (none when its
 * result is absent), each within `tools.width`, ending with an empty line.
 */
export type SummarySection = (results: Reports.GapReport, tools: SummaryTools) => readonly string[];

/**
 * The sections drawn after the built-in ones (title, Gap 5, worst items, warnings) and before
 * the data-quality line, in this order. A new analysis adds its section in a file of its own
 * and one line here.
 *
 * @example
 * const gap1Summary: SummarySection = (results, { bold, line }) =>
 *   results.gap1 === null ? [] : [bold("Gap 1"), line(`  …`), ""];
 */
export const SUMMARY_SECTIONS: readonly SummarySection[] = [
  fiveGapSummary,
  relationshipSummarySection,
  trustSummarySection,
];
