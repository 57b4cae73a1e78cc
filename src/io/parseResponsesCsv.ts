import { checkOptionKeys, expectKind, expectShape, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import type { ValidatedResponses } from "../responses/types";
import { CSV_FILE_OPTIONS, type CsvTextOptions, splitCsvOptions } from "./csvOptions";
import { createCsvResponseReader } from "./csvResponseReader";

/** Characters handed to the parser at a time, so a large text never becomes one array of rows. */
const TEXT_CHUNK = 65536;

/**
 * Reads survey answers from CSV text (one header row, one row per respondent) and validates
 * them like `validateResponses`, returning the columnar dataset and the validation report.
 *
 * The text is parsed by papaparse as RFC 4180 CSV (Shafranovich 2005, IETF RFC 4180): cells
 * may be quoted with `"`, a quoted cell may hold the delimiter, line breaks and doubled quotes
 * (`""`). A leading byte-order mark is removed. The delimiter is detected from the first rows
 * among `,` tab `|` `;` unless `options.delimiter` is given. Empty lines are skipped. Every
 * issue and excluded row carries `line`, the 1-based line of the text where its row starts
 * (the header is line 1; line breaks inside quoted cells count, so the lines are the ones an
 * editor shows). Quote errors become issues (`unterminated-quote`, `malformed-quote`) on the
 * line of their row; a quote that would swallow the next lines excludes its own line and
 * reading resumes on the next one, so no line is lost (see `readResponsesCsv`). No `node:*`
 * import: this works in browsers too.
 *
 * In R: `read.csv(text = text, na.strings = "", check.names = FALSE)`, then the checks of
 * `validateResponses`.
 *
 * @param text - The CSV text.
 * @param instrument - The instrument, e.g. `instruments.servqual22`.
 * @param options - Validation options (see `ValidationOptions`) and `delimiter`.
 * @returns The dataset and the report (rowsIn = rowsUsed + rowsExcluded).
 * @throws {ServqualError} `invalid-options`; `empty-input` (no header, or no data row);
 * `invalid-input` (not a string, no known column in the header, or a header row that never
 * ends because a quote is not closed); `no-usable-rows`.
 *
 * @example
 * const one = defineInstrument({ id: "one", name: "One item", scale: { min: 1, max: 7 },
 *   format: "expectation-perception",
 *   dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "item" }] }] });
 * const { dataset, report } = readResponsesCsvText("respondent_id,E_1,P_1\na,7,5\nb,6,9\n", one);
 * dataset.facets.perception?.[0]?.[0] //=> 5
 * report.rowsExcluded //=> 1
 * report.issues[0]?.line //=> 3 (row 2: "9" is outside the scale 1..7)
 */
export function readResponsesCsvText(
  text: string,
  instrument: Instrument,
  options: CsvTextOptions = {},
): ValidatedResponses {
  expectKind("readResponsesCsvText", "text", text, "string", "the CSV text as a string");
  expectShape("readResponsesCsvText", "instrument", instrument, shapes.instrument);
  checkOptionKeys("readResponsesCsvText", options ?? undefined, CSV_FILE_OPTIONS);
  if (typeof text !== "string") {
    throw new ServqualError("invalid-input", "readResponsesCsvText expects the CSV as a string.", [
      { code: "not-a-string", message: `the input is ${typeof text}, not a string` },
    ]);
  }
  const { validation, delimiter } = splitCsvOptions(options, false);
  const reader = createCsvResponseReader(instrument, validation, {
    source: null,
    delimiter,
    expectedRows: countDataLines(text),
  });
  for (let at = 0; at < text.length; at += TEXT_CHUNK) {
    reader.write(text.slice(at, at + TEXT_CHUNK));
  }
  return reader.end();
}

/** Non-empty lines after the first: the number of data rows when no cell spans lines. */
function countDataLines(text: string): number {
  const mark = text.includes("\n") ? "\n" : "\r";
  let lines = 0;
  let start = 0;
  let at = text.indexOf(mark);
  while (at !== -1) {
    if (at > start && !(at === start + 1 && text.charCodeAt(start) === 13)) lines += 1;
    start = at + 1;
    at = text.indexOf(mark, start);
  }
  if (start < text.length) lines += 1;
  return Math.max(0, lines - 1);
}
