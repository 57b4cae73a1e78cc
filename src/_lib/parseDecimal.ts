import { invalidArgument } from "./checkArgument";
/**
 * The one number grammar of servqual's input cells (answers, importance ratings and importance
 * points): a plain decimal number.
 *
 * - digits, optionally with a decimal point and at least one digit after it: `7`, `3.5`, `7.0`;
 * - a fraction may start with the point: `.5`;
 * - an optional leading minus: `-1`, `-.5` (no leading `+`: spreadsheets read `+7` as a formula);
 * - no leading zeros before another digit (`07`, `0007`), no trailing point (`7.`), no
 *   exponent (`1e0`), no hexadecimal, binary or octal (`0x14`, `0b10100`), no digit-group
 *   separators, no decimal comma (a comma is the CSV delimiter), no `Infinity`, no digits of
 *   other scripts;
 * - blanks around the number are trimmed by the caller.
 *
 * Cells that are already JavaScript numbers are not text and skip the grammar; they only have
 * to be finite.
 */
export const DECIMAL_GRAMMAR = /^-?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|\.[0-9]+)$/;

/**
 * Reads trimmed text as a number under {@link DECIMAL_GRAMMAR}; NaN when the text does not
 * follow the grammar. A grammatical number too large for a double gives ±Infinity (the caller
 * says it is out of range); `-0` gives 0.
 *
 * @example
 * parseDecimal("3.5") //=> 3.5
 * parseDecimal(".5") //=> 0.5
 * parseDecimal("1e0") //=> NaN
 * parseDecimal("+7") //=> NaN
 */
export function parseDecimal(text: string): number {
  // Called once per cell: a direct typeof check.
  if (typeof text !== "string") throw invalidArgument("parseDecimal", "text", "a string", text);
  if (!DECIMAL_GRAMMAR.test(text)) return Number.NaN;
  // Adding 0 turns -0 into 0, so "-0" and "0" are the same answer.
  return Number(text) + 0;
}
