/**
 * One CSV field, safe to open in a spreadsheet and quoted by RFC 4180.
 *
 * Text (labels, headers, messages) whose first character other than spaces is `=`, `+`, `-`,
 * `@`, a tab or a carriage return, or their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20),
 * would be read by Excel, LibreOffice or Google Sheets as a formula (CSV injection, OWASP
 * "CSV Injection"). Such text gets a leading apostrophe `'`, which spreadsheets show as a text
 * marker and never evaluate, and is quoted. Numbers are values, not text: a negative number such
 * as `-0.86` is written as it is (a spreadsheet reads it as the number −0.86, not a formula),
 * so columns of gaps stay numeric.
 *
 * Quoting (RFC 4180, section 2): a field holding a comma, a double quote, a line feed or a
 * carriage return, or a neutralised one, is enclosed in double quotes and each double quote
 * inside is doubled.
 *
 * @example
 * csvText('=HYPERLINK("http://x")') //=> `"'=HYPERLINK(""http://x"")"`
 * csvText("Reliability") //=> "Reliability"
 * csvNumber(-0.86) //=> "-0.86"
 */
export function csvText(text: string): string {
  const risky = FORMULA_START.test(text);
  const value = risky ? `'${text}` : text;
  return risky || NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A number as a CSV field: its shortest round-trip decimal (JavaScript's `String(number)`,
 * full precision, `-` for negatives, never an exponent for the values reports hold), or an
 * empty field for null. Non-finite numbers never reach a report; they are written empty too.
 *
 * @example
 * csvNumber(-1 / 3) //=> "-0.3333333333333333"
 * csvNumber(null) //=> ""
 */
export function csvNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "";
  // Exponent notation (1e-7) is a number to R and spreadsheets too, but write it plainly.
  return Math.abs(value) !== 0 && Math.abs(value) < 1e-6
    ? value.toFixed(20).replace(/0+$/, "")
    : String(Object.is(value, -0) ? 0 : value);
}

/** Text a spreadsheet would evaluate: after optional spaces, = + - @ (or full-width), tab, CR. */
const FORMULA_START = /^[ ]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
