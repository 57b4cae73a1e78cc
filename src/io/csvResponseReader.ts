import Papa from "papaparse";
import { IssueLog } from "../_lib/issueLog";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { ColumnRole, columnLayout } from "../responses/columnLayout";
import { createDatasetBuilderOnLog, type DatasetBuilder } from "../responses/createDatasetBuilder";
import type { Dataset, ValidatedResponses, ValidationReport } from "../responses/types";
import {
  type ResolvedValidationOptions,
  resolveValidationOptions,
  type ValidationOptions,
} from "../responses/validationOptions";

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
  /** Data rows read so far (kept or excluded), for progress reports. */
  rowsRead(): number;
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
/**
 * Characters parsed at a time just after a broken row: small, so that a file with many broken
 * rows is not parsed again chunk by chunk for each; doubled after every clean window.
 */
const RECOVERY_WINDOW = 1024;
/** Past this window size parsing goes back to whole chunks. */
const FULL_WINDOW = 65536;
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

/** A row that cannot be read: where it starts in the parsed text, its line, and why. */
interface BrokenRow {
  readonly start: number;
  readonly line: number;
  readonly code: "malformed-quote" | "unterminated-quote" | "cell-too-long";
  readonly message: string;
}

/**
 * Creates a chunked CSV reader for an instrument.
 *
 * Lines: the header's first line is line 1 of the input (after a byte-order mark); a row's
 * `line` is the line it starts on. Line breaks inside quoted cells count, so lines keep matching
 * what an editor shows: a line ends at LF (files with LF or CRLF rows; a CR before the LF is
 * removed) or CR (files with CR rows). Empty lines are skipped (they are not respondents) but
 * counted.
 *
 * Nothing is lost: every line ends up in a used row, an excluded row or an issue naming it.
 * A row may span lines only through quoted cells, and only when it has as many cells as the
 * header and no quote error; otherwise its quote is broken (never closed, or closed in the
 * wrong place), so its first line is excluded with an issue (`malformed-quote`,
 * `unterminated-quote`) and reading resumes on the next line. A line longer than the row limit
 * (the header's columns × (`maxCellLength` + 3), at least 1 MiB) is excluded with a
 * `cell-too-long` issue and skipped without being held in memory. Such lines, and rows with
 * more or fewer cells than the header, are counted in the report's `unreadableLines`.
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
  private readonly resolved: ResolvedValidationOptions;
  private readonly settings: CsvReaderSettings;
  private readonly maxCellLength: number;
  private started = false;
  private pending = "";
  private parser: ChunkParser | null = null;
  /** The character that ends a line: LF, or CR in files with CR rows. */
  private breakChar = "\n";
  private builder: DatasetBuilder | null = null;
  private columnCount = 0;
  /** 1 for the columns whose cells are free text (segments, ignored): only they may span lines. */
  private textColumns = new Uint8Array(0);
  private headerLine = 0;
  private nextLine = 1;
  private rows = 0;
  private rowLimit = HEADER_ROW_LIMIT;
  /** Characters parsed at a time: all that is pending, or fewer after a broken row. */
  private window = Number.POSITIVE_INFINITY;
  /** True while the rest of a line too long to read is being dropped. */
  private skipping = false;
  private unreadable = 0;
  /** Reused for every row: the builder copies what it keeps. */
  private readonly origin = { row: 0, line: 0 };
  /**
   * The one log of the input: the problems found while splitting lines into rows and, once the
   * header is read, the builder's own, in input order.
   */
  private readonly log: IssueLog;
  private seekReplacement = false;
  private replacementReported = false;
  private readonly onPiece: ((piece: Dataset) => void) | undefined;
  private readonly pieceRows: number;

  constructor(instrument: Instrument, validation: ValidationOptions, settings: CsvReaderSettings) {
    const resolved = resolveValidationOptions(validation);
    this.instrument = instrument;
    this.resolved = resolved;
    this.settings = settings;
    this.log = new IssueLog(resolved);
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
    if (this.skipping) {
      // The rest of a line too long to read: dropped up to its end.
      const end = text.indexOf(this.breakChar);
      if (end === -1) return;
      this.skipping = false;
      text = text.slice(end + 1);
    }
    if (!this.replacementReported && text.includes("\uFFFD")) this.seekReplacement = true;
    this.pending = this.pending.length === 0 ? text : this.pending + text;
    if (this.parser === null) {
      if (this.pending.length < SNIFF_LENGTH) return;
      this.configure();
    }
    this.parse(false);
  }

  rowsRead(): number {
    return this.rows;
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
        ...this.log.issues.filter((issue) => issue.row === undefined),
      ]);
    }
    let result: ValidatedResponses;
    try {
      result = builder.finish();
    } catch (error) {
      throw this.located(error, false);
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
    this.breakChar = newline;
    const Parser = Papa.Parser as unknown as new (config: Papa.ParseConfig) => ChunkParser;
    this.parser = new Parser({ delimiter: detected.delimiter, newline, quoteChar: QUOTE });
  }

  /**
   * Parses what is pending: complete rows go to the builder, a partial last row waits (unless
   * `final`). After a broken row, parsing resumes on the next line with a small window.
   */
  private parse(final: boolean) {
    const parser = this.parser as ChunkParser;
    for (;;) {
      const text = this.pending;
      if (text.length === 0) return;
      const limited = text.length > this.window;
      const input = limited ? text.slice(0, this.window) : text;
      const last = final && !limited;
      const result = parser.parse(input, 0, !last);
      const consumed = last ? input.length : result.meta.cursor;
      const broken =
        this.takeRows(result, input, consumed, last) ?? this.brokenTail(result, input, consumed);
      if (broken !== null) {
        this.skipBrokenRow(broken, text, final);
        continue;
      }
      this.pending = last ? "" : text.slice(consumed);
      if (!limited) return;
      // A clean window: the next one is larger (a row longer than the window needs one).
      this.window = this.window >= FULL_WINDOW ? Number.POSITIVE_INFINITY : this.window * 2;
    }
  }

  /**
   * The partial row at the end of a parse, when it is broken already: a quote error in it and a
   * line break in what it holds so far (so it spans lines with a broken quote), or longer than
   * the row limit.
   */
  private brokenTail(result: ChunkResult, input: string, consumed: number): BrokenRow | null {
    if (consumed >= input.length) return null;
    const tail = input.length - consumed;
    if (this.builder === null) {
      if (tail > this.rowLimit) throw this.headerTooLong();
      return null;
    }
    const spans = input.indexOf(this.breakChar, consumed) !== -1;
    const partialRow = result.data.length;
    if (spans && result.errors.some((error) => error.row === partialRow)) {
      return {
        start: consumed,
        line: this.nextLine,
        code: "malformed-quote",
        message:
          'a quoted cell on this line is closed in the wrong place (a quote inside a quoted cell must be doubled: "") and runs on over the next lines; this line is excluded and reading resumes on the next line',
      };
    }
    if (tail > this.rowLimit) {
      return spans
        ? {
            start: consumed,
            line: this.nextLine,
            code: "unterminated-quote",
            message: `a quoted cell on this line runs on for more than ${this.rowLimit} characters over the next lines; most likely its quote is never closed (close it, and double any quote inside a quoted cell: ""); this line is excluded and reading resumes on the next line`,
          }
        : {
            start: consumed,
            line: this.nextLine,
            code: "cell-too-long",
            message: `this line has more than ${this.rowLimit} characters, so a cell is longer than the limit of ${this.maxCellLength}; the line is excluded and reading goes on at the next line`,
          };
    }
    return null;
  }

  private headerTooLong(): ServqualError {
    return new ServqualError(
      "invalid-input",
      `${this.subject()} has a header row of more than ${this.rowLimit} characters starting at line ${this.nextLine}.`,
      [
        {
          code: "unterminated-quote",
          message: `the header row starting on this line runs on for more than ${this.rowLimit} characters; most likely a quoted cell is never closed (close it, and double any quote inside a quoted cell: "")`,
          line: this.nextLine,
        },
      ],
    );
  }

  /**
   * Excludes a broken row's first line (with an issue naming it) and moves `pending` to the
   * next line; when that line has not arrived yet, the rest of it is dropped as it comes.
   */
  private skipBrokenRow(broken: BrokenRow, text: string, final: boolean) {
    const end = text.indexOf(this.breakChar, broken.start);
    const lineEnd = end === -1 ? text.length : end;
    // The cells of the broken line alone, for the row's id (a long line is cut first).
    const lineText = text.slice(broken.start, Math.min(lineEnd, broken.start + this.rowLimit));
    const cells = (this.parser as ChunkParser).parse(lineText, 0, false).data[0] ?? [];
    this.recordParseIssue({ code: broken.code, message: broken.message, line: broken.line });
    this.rows += 1;
    this.unreadable += 1;
    this.origin.row = this.rows;
    this.origin.line = broken.line;
    (this.builder as DatasetBuilder).reject(cells, this.origin, {
      code: broken.code,
      message: broken.message,
    });
    this.nextLine = broken.line + 1;
    this.window = RECOVERY_WINDOW;
    if (end !== -1) {
      this.pending = text.slice(end + 1);
    } else {
      this.pending = "";
      this.skipping = !final;
    }
  }

  /** Takes the parsed rows in order; returns the first broken one (rows after it are dropped). */
  private takeRows(
    result: ChunkResult,
    text: string,
    consumed: number,
    final: boolean,
  ): BrokenRow | null {
    const data = result.data;
    const count = data.length;
    if (count === 0) return null;
    // Rows hold line breaks only inside quoted cells: look for them only when this chunk
    // has quotes and more line breaks than row ends.
    let multiLine = false;
    if (text.indexOf(QUOTE) !== -1) {
      const rowEnds = final ? count - 1 : count;
      multiLine = countBreaks(text, consumed, this.breakChar) > rowEnds;
    }
    const stripCr = this.breakChar === "\n";
    const errors = result.errors.length === 0 ? null : result.errors;
    const origin = this.origin;
    const firstLine = this.nextLine;
    for (let k = 0; k < count; k++) {
      const cells = data[k] as string[];
      const line = this.nextLine;
      const spanned = multiLine ? breaksInCells(cells, this.breakChar) : 0;
      if (spanned > 0 && this.builder !== null) {
        const broken = this.brokenSpan(cells, errors, k, line, spanned);
        if (broken !== null) {
          return { ...broken, start: lineStart(text, line - firstLine, this.breakChar) };
        }
      }
      this.nextLine = line + 1 + spanned;
      if (stripCr) {
        const lastCell = cells[cells.length - 1] as string;
        if (lastCell.charCodeAt(lastCell.length - 1) === 13) {
          cells[cells.length - 1] = lastCell.slice(0, -1);
        }
      }
      if (errors !== null) this.recordParseErrors(errors, k, line);
      // An empty line is no row; a line holding only a broken quote is one (it is not empty).
      if (
        cells.length === 1 &&
        (cells[0] as string).trim() === "" &&
        (errors === null || !errors.some((error) => error.row === k))
      ) {
        continue;
      }
      if (this.seekReplacement) this.checkReplacement(cells, line);
      if (this.builder === null) {
        this.startHeader(cells, line);
        continue;
      }
      this.rows += 1;
      if (cells.length !== this.columnCount) this.unreadable += 1;
      origin.row = this.rows;
      origin.line = line;
      this.settings.onRow?.(cells);
      this.builder.push(cells, origin);
      if (this.onPiece !== undefined && this.rows % this.pieceRows === 0) {
        this.onPiece(this.builder.drain());
      }
    }
    return null;
  }

  /**
   * A row spanning lines is broken when it has a quote error, the wrong number of cells, or a
   * line break in a cell that is not free text (an answer, weight, date or id never holds one).
   */
  private brokenSpan(
    cells: readonly string[],
    errors: ChunkResult["errors"] | null,
    k: number,
    line: number,
    spanned: number,
  ): Omit<BrokenRow, "start"> | null {
    let code: string | null = null;
    if (errors !== null) {
      for (const error of errors) {
        if (error.row !== k) continue;
        code = error.code;
        if (code === "MissingQuotes") break;
      }
    }
    const lines = `${spanned} line break${spanned === 1 ? "" : "s"}`;
    if (code === null && cells.length === this.columnCount) {
      for (let c = 0; c < cells.length; c++) {
        if (this.textColumns[c] === 1 || !(cells[c] as string).includes(this.breakChar)) continue;
        const column = (this.builder as DatasetBuilder).header[c] ?? "";
        return {
          line,
          code: "malformed-quote",
          message: `a quoted cell on this line runs on over ${lines} into column ${JSON.stringify(column)}, which holds no free text; most likely a quote is missing or stray; this line is excluded and reading resumes on the next line`,
        };
      }
      return null;
    }
    if (code === "MissingQuotes") {
      return {
        line,
        code: "unterminated-quote",
        message: `a quoted cell on this line is never closed, so it runs on over ${lines} to the end of the input; this line is excluded and reading resumes on the next line (close the quote, and double any quote inside a quoted cell: "")`,
      };
    }
    return {
      line,
      code: "malformed-quote",
      message:
        code === null
          ? `a quoted cell on this line runs on over ${lines} into a row of ${cells.length} cells, but the header has ${this.columnCount} columns; most likely a quote is missing or stray; this line is excluded and reading resumes on the next line`
          : `a quoted cell on this line is closed in the wrong place (a quote inside a quoted cell must be doubled: "") and runs on over ${lines}; this line is excluded and reading resumes on the next line`,
    };
  }

  private startHeader(cells: string[], line: number) {
    this.headerLine = line;
    try {
      this.builder = createDatasetBuilderOnLog(
        this.instrument,
        cells,
        this.resolved,
        this.settings.expectedRows,
        this.log,
      );
    } catch (error) {
      throw this.located(error, true);
    }
    this.columnCount = cells.length;
    const { role } = columnLayout(cells, this.instrument, this.resolved);
    this.textColumns = Uint8Array.from(role, (r) =>
      r === ColumnRole.Ignored || r === ColumnRole.Segment ? 1 : 0,
    );
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
    this.log.record(issue);
  }

  /**
   * Adds the header's line to issues without one and names the file in the message; an error
   * about the header also lists the problems found before it (the builder's errors list the
   * log themselves).
   */
  private located(error: unknown, header: boolean): unknown {
    if (!(error instanceof ServqualError)) return error;
    const headline = error.message.split("\n", 1)[0] ?? "";
    const message =
      this.settings.source === null ? headline : `${this.settings.source}: ${headline}`;
    return new ServqualError(error.code, message, [
      ...error.issues.map((issue) => this.withLine(issue)),
      ...(header ? this.log.issues.slice(0, 20) : []),
    ]);
  }

  private withLine(issue: Issue): Issue {
    return issue.line === undefined ? { ...issue, line: this.headerLine || 1 } : issue;
  }

  /** The report with the header's line given to issues without one. */
  private mergeReport(report: ValidationReport): ValidationReport {
    const issues = report.issues.map((issue) => this.withLine(issue));
    return { ...report, issues, unreadableLines: this.unreadable };
  }
}

/** The line break rows end at: LF (LF and CRLF files; a CR before it leaves the last cell) or CR. */
export type CsvNewline = "\n" | "\r";

/**
 * The delimiter (unless given) and the line break of CSV text, detected by papaparse from the
 * first rows of `text` (at most its first 128 KiB are looked at); the reader's own detection.
 *
 * @param text - The start of the text (byte-order mark removed).
 * @param delimiter - The delimiter when known, or null to detect it.
 * @returns The delimiter and the line break.
 * @example
 * detectCsvDialect("a;b\r\n1;2\r\n", null) //=> { delimiter: ";", newline: "\n" }
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
  // Rows end at LF outside quotes in LF and CRLF files alike (the CR is removed from the
  // last cell), so a stray LF in a CRLF file ends its row as an editor shows it.
  const newline = sniff.meta.linebreak === "\r" ? "\r" : "\n";
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

/** Offset in `text` of the start of its line `index` (0 = the first). */
function lineStart(text: string, index: number, mark: string): number {
  let at = 0;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf(mark, at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return at;
}

function breaksInCells(cells: readonly string[], mark: string): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.length > 0 && cell.includes(mark)) count += countBreaks(cell, cell.length, mark);
  }
  return count;
}
