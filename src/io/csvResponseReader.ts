import Papa from "papaparse";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { createDatasetBuilder, type DatasetBuilder } from "../responses/createDatasetBuilder";
import type { Dataset, ValidatedResponses, ValidationReport } from "../responses/types";
import { resolveValidationOptions, type ValidationOptions } from "../responses/validationOptions";

/**
 * Reads CSV text chunk by chunk into a {@link DatasetBuilder}: `write` each decoded chunk in
 * order, then `end` to get the dataset and the report. Isomorphic (no `node:*`).
 */
export interface CsvResponseReader {
  /** Parses the complete rows of a chunk (a partial last row waits for the next chunk). */
  write(chunk: string): void;
  /**
   * Parses what is left and finishes the dataset.
   *
   * @throws {ServqualError} `empty-input`, `invalid-input` or `no-usable-rows`.
   */
  end(): ValidatedResponses;
}

/** How a {@link CsvResponseReader} is set up. */
export interface CsvReaderSettings {
  /** The file's name for messages, or null for text. */
  readonly source: string | null;
  /** The delimiter, or null to detect it from the first rows. */
  readonly delimiter: string | null;
  /** Capacity hint: the number of data rows expected. */
  readonly expectedRows: number;
  /** The line break, or absent to detect it with the delimiter (see {@link detectCsvDialect}). */
  readonly newline?: CsvNewline;
  /** Called with every data row before it is validated (cells are reused: copy what you keep). */
  readonly onRow?: (cells: readonly string[]) => void;
  /**
   * Streaming: called with the rows kept so far every `expectedRows` rows and once more at the
   * end, each piece valid only during the call (see `DatasetBuilder.drain`); the dataset `end`
   * returns then holds only the last piece, already handed over.
   */
  readonly onPiece?: (piece: Dataset) => void;
}

/** Characters gathered before the delimiter and the line break are detected. */
const SNIFF_LENGTH = 65536;
/** Longest row (characters) before the header is read; after it the limit depends on the header. */
const HEADER_ROW_LIMIT = 16 * 1024 * 1024;
const MIN_ROW_LIMIT = 1024 * 1024;
/** Parse problems listed per code at most (all are counted). */
const QUOTE = '"';

/** The part of papaparse's low-level `Parser` result that is read here. */
interface ChunkResult {
  readonly data: string[][];
  readonly errors: readonly { readonly code: string; readonly message: string; row?: number }[];
  readonly meta: { readonly cursor: number };
}

interface ChunkParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): ChunkResult;
}

/**
 * Creates a chunked CSV reader for an instrument.
 *
 * Lines: the header's first line is line 1 of the input (after a byte-order mark); a row's
 * `line` is the line it starts on. Line breaks inside quoted cells count, so lines keep matching
 * what an editor shows: a line ends at LF (files with LF or CRLF rows) or CR (files with CR
 * rows). Empty lines are skipped (they are not respondents) but counted.
 *
 * @param instrument - The instrument the answers belong to.
 * @param validation - Validation options (checked here).
 * @param settings - Source name, delimiter and capacity hint.
 * @returns The reader.
 * @throws {ServqualError} `invalid-options`.
 */
export function createCsvResponseReader(
  instrument: Instrument,
  validation: ValidationOptions,
  settings: CsvReaderSettings,
): CsvResponseReader {
  return new Reader(instrument, validation, settings);
}

class Reader implements CsvResponseReader {
  private readonly instrument: Instrument;
  private readonly validation: ValidationOptions;
  private readonly settings: CsvReaderSettings;
  private readonly issueLimit: number;
  private readonly maxCellLength: number;
  private started = false;
  private pending = "";
  private parser: ChunkParser | null = null;
  private breakChar = "\n";
  private builder: DatasetBuilder | null = null;
  private headerLine = 0;
  private nextLine = 1;
  private rows = 0;
  private rowLimit = HEADER_ROW_LIMIT;
  /** Reused for every row: the builder copies what it keeps. */
  private readonly origin = { row: 0, line: 0 };
  private readonly parseIssues: Issue[] = [];
  private readonly parseIssueCounts: Record<string, number> = Object.create(null);
  private parseIssueTotal = 0;
  private seekReplacement = false;
  private replacementReported = false;
  private readonly onPiece: ((piece: Dataset) => void) | undefined;
  private readonly pieceRows: number;

  constructor(instrument: Instrument, validation: ValidationOptions, settings: CsvReaderSettings) {
    const resolved = resolveValidationOptions(validation);
    this.instrument = instrument;
    this.validation = validation;
    this.settings = settings;
    this.issueLimit = resolved.issueLimit;
    this.maxCellLength = resolved.maxCellLength;
    this.onPiece = settings.onPiece;
    this.pieceRows = Math.max(1, Math.floor(settings.expectedRows));
  }

  write(chunk: string): void {
    let text = chunk;
    if (!this.started) {
      if (text.length === 0) return;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    if (!this.replacementReported && text.includes("\uFFFD")) this.seekReplacement = true;
    this.pending = this.pending.length === 0 ? text : this.pending + text;
    if (this.parser === null) {
      if (this.pending.length < SNIFF_LENGTH) return;
      this.configure();
    }
    this.parse(false);
  }

  end(): ValidatedResponses {
    if (this.parser === null) this.configure();
    this.parse(true);
    const subject = this.subject();
    const builder = this.builder;
    if (builder === null) {
      throw new ServqualError("empty-input", `${subject} is empty.`, [
        {
          code: "empty-input",
          message: "there is no header row and no data (only empty lines, if anything)",
          line: 1,
        },
      ]);
    }
    if (this.rows === 0) {
      throw new ServqualError("empty-input", `${subject} has a header but no data rows.`, [
        {
          code: "empty-input",
          message: "the header is the only row; there are no respondents to validate",
          line: this.headerLine,
        },
        ...this.parseIssues,
      ]);
    }
    let result: ValidatedResponses;
    try {
      result = builder.finish();
    } catch (error) {
      throw this.located(error);
    }
    this.onPiece?.(result.dataset);
    return { dataset: result.dataset, report: this.mergeReport(result.report) };
  }

  private subject(): string {
    return this.settings.source === null ? "The CSV text" : `The file ${this.settings.source}`;
  }

  /** Detects the delimiter (unless given) and the line break from the first rows. */
  private configure() {
    const detected = detectCsvDialect(this.pending, this.settings.delimiter);
    const newline = this.settings.newline ?? detected.newline;
    this.breakChar = newline === "\r" ? "\r" : "\n";
    const Parser = Papa.Parser as unknown as new (config: Papa.ParseConfig) => ChunkParser;
    this.parser = new Parser({ delimiter: detected.delimiter, newline, quoteChar: QUOTE });
  }

  private parse(final: boolean) {
    const text = this.pending;
    if (text.length === 0) return;
    const result = (this.parser as ChunkParser).parse(text, 0, !final);
    const consumed = final ? text.length : result.meta.cursor;
    this.pending = final ? "" : text.slice(consumed);
    this.takeRows(result, text, consumed, final);
    if (this.pending.length > this.rowLimit) {
      throw new ServqualError(
        "invalid-input",
        `${this.subject()} has a row of more than ${this.rowLimit} characters starting at line ${this.nextLine}.`,
        [
          {
            code: "unterminated-quote",
            message: `the row starting on this line runs on for more than ${this.rowLimit} characters; most likely a quoted cell is never closed (close it, and double any quote inside a quoted cell: "")`,
            line: this.nextLine,
          },
        ],
      );
    }
  }

  private takeRows(result: ChunkResult, text: string, consumed: number, final: boolean) {
    const data = result.data;
    const count = data.length;
    if (count === 0) return;
    // Rows hold line breaks only inside quoted cells: look for them only when this chunk
    // has quotes and more line breaks than row ends.
    let multiLine = false;
    if (text.indexOf(QUOTE) !== -1) {
      const rowEnds = final ? count - 1 : count;
      multiLine = countBreaks(text, consumed, this.breakChar) > rowEnds;
    }
    const errors = result.errors.length === 0 ? null : result.errors;
    const origin = this.origin;
    for (let k = 0; k < count; k++) {
      const cells = data[k] as string[];
      const line = this.nextLine;
      this.nextLine = multiLine ? line + 1 + breaksInCells(cells, this.breakChar) : line + 1;
      if (errors !== null) this.recordParseErrors(errors, k, line);
      if (cells.length === 1 && (cells[0] as string).trim() === "") continue;
      if (this.seekReplacement) this.checkReplacement(cells, line);
      if (this.builder === null) {
        this.startHeader(cells, line);
        continue;
      }
      this.rows += 1;
      origin.row = this.rows;
      origin.line = line;
      this.settings.onRow?.(cells);
      this.builder.push(cells, origin);
      if (this.onPiece !== undefined && this.rows % this.pieceRows === 0) {
        this.onPiece(this.builder.drain());
      }
    }
  }

  private startHeader(cells: string[], line: number) {
    this.headerLine = line;
    try {
      this.builder = createDatasetBuilder(
        this.instrument,
        cells,
        this.validation,
        this.settings.expectedRows,
      );
    } catch (error) {
      throw this.located(error);
    }
    this.rowLimit = Math.max(MIN_ROW_LIMIT, cells.length * (this.maxCellLength + 3) + 2);
  }

  private recordParseErrors(errors: ChunkResult["errors"], k: number, line: number) {
    for (const error of errors) {
      if (error.row !== k) continue;
      if (error.code === "MissingQuotes") {
        this.recordParseIssue({
          code: "unterminated-quote",
          message:
            "a quoted cell on this line is never closed, so the rest of the input was read into it; close the quote",
          line,
        });
      } else if (error.code === "InvalidQuotes") {
        this.recordParseIssue({
          code: "malformed-quote",
          message:
            'a quoted cell on this line has text after its closing quote (a quote inside a quoted cell must be doubled: ""); the cell was read on to the next quote',
          line,
        });
      } else {
        this.recordParseIssue({ code: "csv-syntax", message: error.message, line });
      }
    }
  }

  private checkReplacement(cells: string[], line: number) {
    for (const cell of cells) {
      if (cell.includes("\uFFFD")) {
        this.seekReplacement = false;
        this.replacementReported = true;
        this.recordParseIssue({
          code: "replacement-character",
          message:
            "this line holds U+FFFD (�), the mark a decoder leaves for bytes that are not valid text in the encoding; check that the file is saved as UTF-8 or pass options.encoding",
          line,
        });
        return;
      }
    }
  }

  private recordParseIssue(issue: Issue) {
    this.parseIssueCounts[issue.code] = (this.parseIssueCounts[issue.code] ?? 0) + 1;
    this.parseIssueTotal += 1;
    if (this.parseIssues.length < this.issueLimit) this.parseIssues.push(issue);
  }

  /** Adds the header's line to issues without one and names the file in the message. */
  private located(error: unknown): unknown {
    if (!(error instanceof ServqualError)) return error;
    const headline = error.message.split("\n", 1)[0] ?? "";
    const message =
      this.settings.source === null ? headline : `${this.settings.source}: ${headline}`;
    return new ServqualError(error.code, message, [
      ...error.issues.map((issue) => this.withLine(issue)),
      ...this.parseIssues.slice(0, 20),
    ]);
  }

  private withLine(issue: Issue): Issue {
    return issue.line === undefined ? { ...issue, line: this.headerLine || 1 } : issue;
  }

  /** The builder's report with header issues given a line and the parse issues merged in. */
  private mergeReport(report: ValidationReport): ValidationReport {
    const builderIssues = report.issues.map((issue) => this.withLine(issue));
    if (this.parseIssueTotal === 0) return { ...report, issues: builderIssues };
    const merged: Issue[] = [];
    const parsed = this.parseIssues;
    let a = 0;
    let b = 0;
    while (merged.length < this.issueLimit && (a < builderIssues.length || b < parsed.length)) {
      const left = builderIssues[a];
      const right = parsed[b];
      if (right !== undefined && (left === undefined || (right.line ?? 0) <= (left.line ?? 0))) {
        merged.push(right);
        b += 1;
      } else if (left !== undefined) {
        merged.push(left);
        a += 1;
      }
    }
    const issueCounts: Record<string, number> = { ...report.issueCounts };
    let total = this.parseIssueTotal;
    for (const count of Object.values(report.issueCounts)) total += count;
    for (const [code, count] of Object.entries(this.parseIssueCounts)) {
      issueCounts[code] = (issueCounts[code] ?? 0) + count;
    }
    return { ...report, issues: merged, issueCounts, issuesTruncated: total > merged.length };
  }
}

/** A line break of CSV text. */
export type CsvNewline = "\n" | "\r\n" | "\r";

/**
 * The delimiter (unless given) and the line break of CSV text, detected by papaparse from the
 * first rows of `text` (at most its first 128 KiB are looked at); the reader's own detection.
 *
 * @param text - The start of the text (byte-order mark removed).
 * @param delimiter - The delimiter when known, or null to detect it.
 * @returns The delimiter and the line break.
 * @example
 * detectCsvDialect("a;b\r\n1;2\r\n", null) //=> { delimiter: ";", newline: "\r\n" }
 */
export function detectCsvDialect(
  text: string,
  delimiter: string | null,
): { readonly delimiter: string; readonly newline: CsvNewline } {
  const sample = text.length > 2 * SNIFF_LENGTH ? text.slice(0, 2 * SNIFF_LENGTH) : text;
  const sniff = Papa.parse<string[]>(sample, {
    delimiter: delimiter ?? "",
    quoteChar: QUOTE,
    preview: 10,
    skipEmptyLines: true,
  });
  const newline =
    sniff.meta.linebreak === "\r" ? "\r" : sniff.meta.linebreak === "\r\n" ? "\r\n" : "\n";
  return { delimiter: delimiter ?? sniff.meta.delimiter, newline };
}

/** Number of `mark` characters in `text` before `end`. */
function countBreaks(text: string, end: number, mark: string): number {
  let count = 0;
  let at = text.indexOf(mark);
  while (at !== -1 && at < end) {
    count += 1;
    at = text.indexOf(mark, at + 1);
  }
  return count;
}

function breaksInCells(cells: readonly string[], mark: string): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.length > 0 && cell.includes(mark)) count += countBreaks(cell, cell.length, mark);
  }
  return count;
}
