import { invalidArgument } from "../_lib/guards";
import type { Cell } from "./cells";
import { fixed, interval, percent, pValue } from "./format";

/** What a renderer shows for a value that could not be computed. */
export const MISSING = "—";

/**
 * A cell as plain text, before any escaping: numbers with their decimals (never "-0.00"),
 * p-values as R prints them at three decimals (`<0.001` below), intervals as `[lower, upper]`,
 * shares as percentages, counts as integers, null as "—". Every renderer that shows text uses
 * this, so Markdown, HTML and the terminal agree on every figure.
 *
 * @example
 * formatCell({ kind: "p-value", value: 0.0002 }) //=> "<0.001"
 * formatCell({ kind: "percent", value: 0.25, decimals: 1 }) //=> "25.0%"
 */
export function formatCell(cell: Cell): string {
  switch (cell?.kind) {
    case "number":
      return fixed(cell.value, cell.decimals);
    case "p-value":
      return pValue(cell.value);
    case "interval":
      return interval(cell.lower, cell.upper, cell.decimals);
    case "label":
      return cell.text ?? MISSING;
    case "count":
      return cell.value === null ? MISSING : String(cell.value);
    case "percent":
      return percent(cell.value, cell.decimals);
    default:
      throw invalidArgument("formatCell", "cell", CELL, cell);
  }
}

const CELL = 'a table cell (kind "number", "p-value", "interval", "label", "count" or "percent")';
