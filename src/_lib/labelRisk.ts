import { parseDecimal } from "./parseDecimal";

/**
 * The start of a cell a spreadsheet reads as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return): the OWASP "CSV injection" list.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** An HTML or XML tag opening or closing (`<b`, `</b`, `< script`, `<!--`). */
export const MARKUP = /<\s*\/?\s*[a-z!]/i;

/**
 * Whether a label (trimmed text) starts like a spreadsheet formula: it begins with a
 * {@link FORMULA_START} character and is not a number under `parseDecimal` (`-5` is a number,
 * `-x` and `=HYPERLINK(…)` are not). Such a label is kept as text and reported
 * (`formula-like-label`): a spreadsheet that opens an export would run it. Reference: OWASP,
 * "CSV Injection".
 *
 * @example
 * formulaLike('=HYPERLINK("x")') //=> true
 * formulaLike("-5") //=> false
 * formulaLike("web") //=> false
 */
export function formulaLike(text: string): boolean {
  return FORMULA_START.test(text) && Number.isNaN(parseDecimal(text));
}

/**
 * Whether a label holds markup: a tag opening or closing ({@link MARKUP}). Such a label is kept
 * as text and reported (`markup-in-label`); reports escape it.
 *
 * @example
 * holdsMarkup("<script>") //=> true
 * holdsMarkup("a<1") //=> false
 */
export function holdsMarkup(text: string): boolean {
  // Every tag starts with "<": most labels are settled without the expression.
  return text.includes("<") && MARKUP.test(text);
}

/**
 * Whether a label gets a `formula-like-label` or `markup-in-label` issue: one of
 * {@link formulaLike} and {@link holdsMarkup}. Readers that number labels once per distinct
 * text ask it once per text.
 *
 * @example
 * riskyLabel("@SUM(1)") //=> true
 * riskyLabel("c12") //=> false
 */
export function riskyLabel(text: string): boolean {
  return formulaLike(text) || holdsMarkup(text);
}
