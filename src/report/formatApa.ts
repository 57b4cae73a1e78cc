import { invalidArgument } from "../_lib/guards";
import type { Cell } from "./cells";
import { MISSING } from "./formatCell";

/** The minus sign U+2212, which APA style and typesetting use for negative numbers. */
export const MINUS = "\u2212";

/**
 * A number in APA style (APA Publication Manual, 7th ed., sections 6.36 and 6.40): fixed
 * decimals, a true minus sign (U+2212) instead of the hyphen, never "−0.00", and no leading
 * zero when the statistic cannot exceed 1 in absolute value (`bounded`: a correlation, an
 * alpha, a proportion, a p-value). Null (or a non-finite number) is an em dash.
 *
 * @example
 * apaNumber(-1.2866, 2) //=> "−1.29"
 * apaNumber(0.8234, 2, true) //=> ".82"
 * apaNumber(-0.004, 2) //=> "0.00"
 */
export function apaNumber(value: number | null | undefined, decimals = 2, bounded = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  let text = Math.abs(value).toFixed(decimals);
  if (bounded && text.startsWith("0.")) text = text.slice(1);
  const zero = /^[0.]*$/.test(text);
  return value < 0 && !zero ? `${MINUS}${text}` : text;
}

/**
 * A p-value in APA style (7th ed., section 6.36): three decimals without a leading zero, and
 * "< .001" below .001 (with `withSign`, "= .023" and "< .001" for running text).
 *
 * @example
 * apaP(0.0234) //=> ".023"
 * apaP(0.00002) //=> "< .001"
 * apaP(0.0234, true) //=> "= .023"
 */
export function apaP(value: number | null | undefined, withSign = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value < 0.001) return "< .001";
  const text = apaNumber(value, 3, true);
  return withSign ? `= ${text}` : text;
}

/**
 * A table cell in APA style: numbers and intervals by {@link apaNumber} (a number cell marked
 * `bounded` without its leading zero), p-values by {@link apaP}, percentages with a true minus
 * sign, counts and labels as {@link formatCell} shows them. The Markdown renderer uses it; the
 * CSV and JSON renderers keep raw values.
 *
 * @example
 * formatCellApa({ kind: "p-value", value: 0.0002 }) //=> "< .001"
 * formatCellApa({ kind: "interval", lower: -0.92, upper: -0.8, decimals: 2 }) //=> "[−0.92, −0.80]"
 */
export function formatCellApa(cell: Cell): string {
  switch (cell?.kind) {
    case "number":
      return apaNumber(cell.value, cell.decimals, cell.bounded === true);
    case "p-value":
      return apaP(cell.value);
    case "interval":
      return `[${apaNumber(cell.lower, cell.decimals)}, ${apaNumber(cell.upper, cell.decimals)}]`;
    case "percent":
      return cell.value === null ? MISSING : `${apaNumber(cell.value * 100, cell.decimals)}%`;
    case "count":
      return cell.value === null ? MISSING : String(cell.value);
    case "label":
      return cell.text ?? MISSING;
    default:
      throw invalidArgument("formatCellApa", "cell", CELL, cell);
  }
}

const CELL = 'a table cell (kind "number", "p-value", "interval", "label", "count" or "percent")';

/**
 * A paired t-test in running text, APA style: "t(598) = −33.1, p < .001, d_z = −1.29". The t
 * statistic has two decimals below 10 in absolute value and one from 10 up (three significant
 * figures, as APA 7 section 6.36 allows for large values); d_z two decimals; p by {@link apaP}.
 * Null parts are left out (a t without df shows neither).
 *
 * @example
 * apaTTest({ t: -33.0987, df: 598, p: 1e-40, dz: -1.2866 }) //=> "t(598) = −33.1, p < .001, d_z = −1.29"
 */
export function apaTTest(test: {
  readonly t: number | null;
  readonly df: number | null;
  readonly p: number | null;
  readonly dz: number | null;
}): string {
  const fields = ["t", "df", "p", "dz"] as const;
  if (
    typeof test !== "object" ||
    test === null ||
    fields.some((f) => test[f] !== null && typeof test[f] !== "number")
  ) {
    throw invalidArgument("apaTTest", "test", "{ t, df, p, dz } (numbers or null)", test);
  }
  const parts: string[] = [];
  if (test.t !== null && test.df !== null && Number.isFinite(test.t)) {
    const decimals = Math.abs(test.t) >= 10 ? 1 : 2;
    parts.push(`t(${test.df}) = ${apaNumber(test.t, decimals)}`);
  }
  if (test.p !== null && Number.isFinite(test.p)) {
    const p = apaP(test.p, true);
    parts.push(`p ${p}`);
  }
  if (test.dz !== null && Number.isFinite(test.dz)) parts.push(`d_z = ${apaNumber(test.dz, 2)}`);
  return parts.length === 0 ? MISSING : parts.join(", ");
}
