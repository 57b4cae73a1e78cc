import { invalidArgument, shapes } from "../_lib/guards";
import { parseDecimal } from "../_lib/parseDecimal";
import type { Scale } from "../instrument/types";

/** Why a cell is not a usable answer. */
export type AnswerFault =
  | "blank"
  | "not-applicable"
  | "not-a-number"
  | "out-of-range"
  | "off-scale-step"
  | "cell-too-long";

/** A parsed cell: the value, or the fault that stops it being one. */
export type ParsedAnswer =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly fault: AnswerFault };

const FN = "parseAnswer";

/**
 * Reads one answer cell against a scale: a number on the scale's grid between min and max, a
 * "not applicable" token, a blank, or a fault with its reason. Strings are trimmed and must
 * follow the number grammar of {@link parseDecimal} (`7`, `-1`, `3.5`, `.5`; no `+`,
 * exponent, leading zero, trailing point, hexadecimal or decimal comma); a JavaScript number
 * must be finite. A grammatical number beyond the range of a double is `out-of-range`.
 *
 * @example
 * parseAnswer("6", instruments.servqual22.scale, 1000) //=> { ok: true, value: 6 }
 * parseAnswer("4.5", instruments.servqual22.scale, 1000) //=> { ok: false, fault: "off-scale-step" }
 */
export function parseAnswer(cell: unknown, scale: Scale, maxCellLength: number): ParsedAnswer {
  // Called once per cell: direct property checks, cheaper than expectShape.
  if (typeof scale?.step !== "number") throw invalidArgument(FN, "scale", shapes.scale.what, scale);
  if (typeof maxCellLength !== "number")
    throw invalidArgument(FN, "maxCellLength", "a number", maxCellLength);
  let value: number;
  if (typeof cell === "number") {
    value = cell;
  } else if (cell === null || cell === undefined) {
    return { ok: false, fault: "blank" };
  } else if (typeof cell === "string") {
    if (cell.length > maxCellLength) return { ok: false, fault: "cell-too-long" };
    const text = cell.trim();
    if (text.length === 0) return { ok: false, fault: "blank" };
    if (isNotApplicable(text, scale)) return { ok: false, fault: "not-applicable" };
    value = parseDecimal(text);
    if (Number.isNaN(value)) return { ok: false, fault: "not-a-number" };
    if (!Number.isFinite(value)) return { ok: false, fault: "out-of-range" };
  } else {
    return { ok: false, fault: "not-a-number" };
  }
  return checkOnScale(value, scale);
}

/** Checks a number against the scale's range and step grid. */
export function checkOnScale(value: number, scale: Scale): ParsedAnswer {
  if (!Number.isFinite(value)) return { ok: false, fault: "not-a-number" };
  if (value < scale.min || value > scale.max) return { ok: false, fault: "out-of-range" };
  const steps = (value - scale.min) / scale.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return { ok: false, fault: "off-scale-step" };
  return { ok: true, value };
}

/** True when text is one of the scale's not-applicable tokens (any case). */
export function isNotApplicable(text: string, scale: Scale): boolean {
  if (scale.notApplicable.length === 0) return false;
  const upper = text.toUpperCase();
  return scale.notApplicable.some((token) => token.toUpperCase() === upper);
}

/** A sentence for a fault, naming the value and the scale. */
export function describeAnswerFault(fault: AnswerFault, cell: unknown, scale: Scale): string {
  const shown = showCell(cell);
  switch (fault) {
    case "blank":
      return "the answer is blank";
    case "not-applicable":
      return `${shown} means "not applicable"`;
    case "not-a-number":
      return `${shown} is not a plain decimal number (such as 7, -1 or 3.5; no +, exponent or leading zero); answers must be numbers from ${scale.min} to ${scale.max}`;
    case "out-of-range":
      return `${shown} is outside the scale ${scale.min}..${scale.max}`;
    case "off-scale-step":
      return scale.step === 1
        ? `${shown} is not a whole number; the scale ${scale.min}..${scale.max} takes whole points only`
        : `${shown} is not a multiple of ${scale.step} on the scale ${scale.min}..${scale.max}`;
    case "cell-too-long":
      return `the cell holds ${cellText(cell).length} characters, more than the limit; it is not read`;
  }
}

/** A cell's content for a message: quoted, shortened to 40 characters. */
export function showCell(cell: unknown): string {
  const text = cellText(cell);
  const short = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return JSON.stringify(short);
}

/**
 * A cell as text, never throwing: `String(cell)`, or the object tag (`[object Object]`) for a
 * value that has no string form (a symbol, an object without a prototype).
 */
export function cellText(cell: unknown): string {
  if (typeof cell === "string") return cell;
  try {
    return String(cell);
  } catch {
    return Object.prototype.toString.call(cell);
  }
}
