import { expectShape, shapes } from "../_lib/guards";
import type { GapReport } from "./types";

/**
 * The report as JSON text (2-space indent, keys in a fixed order, a final newline). The same
 * report always gives byte-identical text; non-finite numbers never occur in reports.
 *
 * @example
 * JSON.parse(renderJson(report)).kind //=> "servqual-gap-report"
 */
export function renderJson(report: GapReport): string {
  expectShape("renderJson", "report", report, shapes.gapReport);
  return `${JSON.stringify(report, null, 2)}\n`;
}
