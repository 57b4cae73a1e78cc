import type * as Library from "../node";
import type { ContextRun } from "./contextInputs";

/**
 * The context of a run with every compared p-value adjusted across the whole report (Holm;
 * adjustAcrossReport), and one terminal line saying how many tests were counted and how many
 * still differ.
 *
 * @example
 * withAcrossReport(lib, run).lines.at(-1) //=> "Across the report (Holm over 96 tests): 4 differ (p adj. < .05)"
 */
export function withAcrossReport(lib: typeof Library, run: ContextRun): ContextRun {
  const adjusted = lib.adjustAcrossReport(run.context);
  const { m, method, significant } = adjusted.acrossReport;
  if (m === 0) return run;
  return {
    context: adjusted,
    lines: [
      ...run.lines,
      `Across the report (${method === "holm" ? "Holm" : "Benjamini–Hochberg"} over ${m} tests): ${significant} differ (p adj. < .05)`,
    ],
  };
}
