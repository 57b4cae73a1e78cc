/**
 * Text made safe to print on a terminal: escape sequences (CSI such as `ESC[31m`, OSC such as
 * window titles and hyperlinks, DCS/SOS/PM/APC strings, two-character escapes, and the 8-bit
 * CSI `U+009B`) are removed whole; every other C0 control (U+0000–U+001F except tab and line
 * feed), DEL, the C1 controls (U+0080–U+009F) and the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069, which reorder what is shown) are removed. Tabs and line
 * feeds are kept, unless `singleLine`, when every line break or tab becomes one space.
 * Reference: ECMA-48 (5th ed., 1991), sections 5.3–5.6 on control functions and strings.
 *
 * @param text - Anything that may come from the input: column names, labels, messages.
 * @param singleLine - Whether the text must stay on one line (an issue in a list).
 * @returns The text without control characters.
 *
 * @example
 * forTerminal("\x1b[31mE_1\x1b[0m") //=> "E_1"
 * forTerminal("a\nb", true) //=> "a b"
 */
export function forTerminal(text: string, singleLine = false): string {
  const cleaned = text.replace(ESCAPES, "").replace(CONTROLS, "");
  return singleLine ? cleaned.replace(/[\t\n]+/g, " ") : cleaned;
}

/** Writes text to standard output, without control characters. */
export function printOut(text: string): void {
  process.stdout.write(forTerminal(text));
}

/** Writes text to standard error, without control characters. */
export function printError(text: string): void {
  process.stderr.write(forTerminal(text));
}

// ESC followed by: CSI parameters; an OSC string up to BEL or ST; a DCS/SOS/PM/APC string up to
// ST; or intermediates and a final byte. A lone ESC at the end is removed too.
const ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~]?)|\x9b[0-?]*[ -/]*[@-~]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
