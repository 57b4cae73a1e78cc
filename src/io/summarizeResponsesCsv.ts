import { checkOptionKeys, expectShape, invalidArgument, shapes } from "../_lib/guards";
import { GAP5_OPTIONS, type Gap5Options, type Gap5Result } from "../gaps/gap5";
import {
  accumulateGap5,
  createGap5Accumulator,
  finishGap5,
  type Gap5Accumulator,
} from "../gaps/gap5Accumulator";
import type { Instrument } from "../instrument/types";
import type { ValidationReport } from "../responses/types";
import { CSV_FILE_OPTIONS, type CsvFileOptions } from "./csvOptions";
import { summarizeCsvParallel } from "./parallelCsv";
import { type ParallelSettings, readCsvFile } from "./readResponsesCsv";

/** Options of {@link summarizeResponsesCsv}: those of `readResponsesCsv` and those of `gap5`. */
export type SummarizeCsvOptions = CsvFileOptions & Omit<Gap5Options, "rows">;

/** What {@link summarizeResponsesCsv} returns. */
export interface CsvGap5Summary {
  /** Equal to `gap5(dataset, options)` of the dataset `readResponsesCsv` reads. */
  readonly gap5: Gap5Result;
  /** The validation report, as `readResponsesCsv` gives it. */
  readonly report: ValidationReport;
}

/** Rows validated per piece before they are added to the accumulators. */
export const SUMMARY_PIECE_ROWS = 16_384;

/**
 * Gap 5 of a CSV file without holding the dataset: streams the file through the same reader and
 * validation as `readResponsesCsv` and adds every piece of {@link SUMMARY_PIECE_ROWS} kept rows
 * to the mergeable Gap 5 accumulators (gap sums and exact signed-rank tallies per item,
 * dimension and overall score; item covariance sums of E, P and gap per dimension), then
 * finishes them. The numbers equal `gap5(dataset, options)` of `readResponsesCsv(path, …)`: the
 * same sums over the same respondents (on grid scales every sum is exact; otherwise they agree
 * to rounding, about 1e-12 relative).
 *
 * Memory does not grow with the number of rows: one piece of 16,384 rows × the answer columns
 * (4 or 8 bytes a cell: about 2.9 MB for SERVQUAL-22 E and P), two 1 MiB read buffers and a
 * 64 KiB text chunk, the accumulators (O(Σ k_d²) numbers for dimensions of k_d items, plus one
 * tally per distinct gap value), the listed issues (at most `issueLimit`) and excluded rows.
 * One thing grows with the data: when the file has an id column, each distinct respondent id
 * is remembered (to exclude repeats), a few dozen bytes per respondent; a file without an id
 * column keeps nothing per row.
 *
 * On several threads (`threads`) each thread holds the same per-piece buffers and accumulators,
 * and, with an id column, its own range's ids (together the ids one thread would hold) plus an
 * 8-byte fingerprint of each id cell it read, to find an id that occurs in two ranges (then the
 * file is read again on one thread). The ids of excluded rows are bounded as on one thread: a
 * range stops once more than 100,000 (+ one piece) of its rows are excluded, and the file is
 * read on one thread, so a file of millions of unusable rows with ids is read in flat memory.
 *
 * In R: `x <- read.csv(path)`, then the Gap 5 tables and `psych::alpha` per dimension, which
 * hold the whole table.
 *
 * @param path - The file's path (or `file:` URL).
 * @param instrument - An expectation–perception instrument, e.g. `instruments.servqual22`.
 * @param options - Validation options, `delimiter`, `encoding` (as `readResponsesCsv`) and the
 *   Gap 5 options `level`, `pAdjust`, `reliability`.
 * @returns The Gap 5 result and the validation report.
 * @throws {ServqualError} as `readResponsesCsv`, and `invalid-input` when the instrument has
 *   no expectation and perception answers.
 *
 * @example
 * const { gap5, report } = await summarizeResponsesCsv("data/demo-bank.csv", instruments.servqual22);
 * report.rowsIn //=> 601
 * gap5.reliability?.[0]?.perception?.alpha.rawAlpha //=> same as gap5(dataset) of readResponsesCsv
 */
export async function summarizeResponsesCsv(
  path: string | URL,
  instrument: Instrument,
  options: SummarizeCsvOptions = {},
): Promise<CsvGap5Summary> {
  if (typeof path !== "string" && !(path instanceof URL)) {
    throw invalidArgument(
      "summarizeResponsesCsv",
      "path",
      "a file path (string or file: URL)",
      path,
    );
  }
  expectShape("summarizeResponsesCsv", "instrument", instrument, shapes.instrument);
  checkOptionKeys("summarizeResponsesCsv", options ?? undefined, SUMMARY_OPTIONS);
  return summarizeCsvFile(path, instrument, options, {});
}

// `rows` selects rows of a dataset in memory; a streamed file has none to select.
const SUMMARY_OPTIONS: readonly string[] = [
  ...CSV_FILE_OPTIONS,
  ...GAP5_OPTIONS.filter((name) => name !== "rows"),
];

/** The engine of {@link summarizeResponsesCsv}, with the parallel settings (for tests). */
export async function summarizeCsvFile(
  path: string | URL,
  instrument: Instrument,
  options: SummarizeCsvOptions,
  parallel: ParallelSettings,
): Promise<CsvGap5Summary> {
  const { level, pAdjust, reliability, ...csv } = options ?? {};
  const gapOptions: Gap5Options = {
    ...(level === undefined ? {} : { level }),
    ...(pAdjust === undefined ? {} : { pAdjust }),
    ...(reliability === undefined ? {} : { reliability }),
  };
  let accumulator: Gap5Accumulator | null = null;
  const { report } = await readCsvFile(
    path,
    instrument,
    csv,
    {
      rows: SUMMARY_PIECE_ROWS,
      parallel: async (request) => {
        const result = await summarizeCsvParallel(request, reliability !== false);
        if (result === null) return null;
        accumulator = result.accumulator;
        return result.report;
      },
      onPiece: (piece) => {
        accumulator ??= createGap5Accumulator(
          piece.instrument,
          piece.missingPolicy,
          reliability !== false,
        );
        if (piece.n > 0) accumulator = accumulateGap5(accumulator, piece);
      },
    },
    parallel,
  );
  // The reader hands over the last piece before returning, so the accumulator exists.
  return { gap5: finishGap5(accumulator as unknown as Gap5Accumulator, gapOptions), report };
}
