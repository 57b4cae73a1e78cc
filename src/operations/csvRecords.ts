import Papa from "papaparse";
import { decodeUtf8, hasQuote } from "../io/byteLines";
import type { RecordPlace } from "./fields";

/** What a {@link createCsvRecordSplitter} hands over. */
export interface CsvRecordHandlers {
  /** The header's cells and line. */
  header(cells: readonly string[], line: number): void;
  /** A data row (cells reused between calls: copy what you keep) and its place. */
  row(cells: readonly string[], place: RecordPlace): void;
  /**
   * Optional fast path for a line of a chunk without quotes: the line is `text[start, end)`;
   * return true when it was taken in full (the row counts as read), false to have it split
   * into cells and handed to `row` (or `broken`) as usual.
   */
  line?(text: string, start: number, end: number, row: number, line: number): boolean;
  /**
   * Optional fast path for a line of a quote-free block of bytes (see `writeLines`): the line
   * is `bytes[start, end)` without its line break; as `line`, true when it was taken in full.
   */
  bytesLine?(bytes: Uint8Array, start: number, end: number, row: number, line: number): boolean;
  /** A row that cannot be read: a broken quote or a cell count unlike the header's. */
  broken(
    place: RecordPlace,
    code: "malformed-quote" | "unterminated-quote" | "wrong-cell-count",
    message: string,
  ): void;
}

interface ChunkResult {
  readonly data: string[][];
  readonly errors: readonly {
    readonly code: string;
    readonly message: string;
    readonly row?: number;
  }[];
  readonly meta: { readonly cursor: number };
}

interface ChunkParser {
  parse(input: string, base: number, ignoreLast: boolean): ChunkResult;
}

type ParserClass = new (config: Papa.ParseConfig) => ChunkParser;

/** Longest row (characters): a longer pending row is a quote never closed. */
const ROW_LIMIT = 1024 * 1024;

/** Text gathered before a chunk is parsed. */
const PARSE_AT = 65536;

/**
 * Splits CSV text (written chunk by chunk) into rows with their lines, through papaparse's
 * chunk parser: the first non-empty row is the header; empty lines are skipped but counted;
 * a row's line is the line it starts on (line breaks inside quoted cells count). A row with a
 * quote error or another cell count than the header is handed to `broken`, never dropped.
 * Isomorphic (no `node:*`).
 *
 * @example
 * const rows: string[][] = [];
 * const splitter = createCsvRecordSplitter(",", { header() {}, row: (cells) => rows.push([...cells]), broken() {} });
 * splitter.write("a,b\n1,2\n");
 * splitter.end();
 * rows //=> [["1", "2"]]
 */
export function createCsvRecordSplitter(delimiter: string, handlers: CsvRecordHandlers) {
  let pending = "";
  let started = false;
  let parser: { parse(input: string, base: number, ignoreLast: boolean): ChunkResult } | null =
    null;
  let line = 1;
  let rows = 0;
  let columns = -1;

  let newline = "\n";
  let one: ChunkParser | null = null;

  const handle = (cells: string[], at: number, error: string | undefined) => {
    if (cells.length === 1 && cells[0] === "") return;
    if (columns < 0 && error === undefined) {
      columns = cells.length;
      handlers.header(cells, at);
      return;
    }
    rows += 1;
    const place = { row: rows, line: at };
    if (error !== undefined) {
      handlers.broken(
        place,
        error === "MissingQuotes" ? "unterminated-quote" : "malformed-quote",
        `the quotes of the line are broken (${error})`,
      );
    } else if (cells.length !== columns) {
      handlers.broken(
        place,
        "wrong-cell-count",
        `the row has ${cells.length} cells, the header ${columns}`,
      );
    } else handlers.row(cells, place);
  };

  const lines = (cells: readonly string[]) => {
    let inner = 0;
    for (const cell of cells) {
      for (let at = cell.indexOf("\n"); at >= 0; at = cell.indexOf("\n", at + 1)) inner++;
    }
    return inner;
  };

  /**
   * Row by row, after a quote error: a broken row that spans lines is cut back to its first
   * line (reported) and reading resumes on the next line, so one stray quote costs one line.
   */
  const parseSlowly = (text: string, final: boolean) => {
    one ??= new (Papa.Parser as unknown as ParserClass)({
      delimiter,
      newline: newline as "\n",
      quoteChar: '"',
      preview: 1,
      fastMode: false,
    });
    let pos = 0;
    while (pos < text.length) {
      const rest = text.slice(pos);
      const result = one.parse(rest, 0, !final);
      const cells = result.data[0];
      if (cells === undefined) break;
      const broken = result.errors.find((error) => error.row === 0 || error.row === undefined);
      const end = result.meta.cursor;
      if (broken !== undefined) {
        const lineEnd = rest.indexOf(newline);
        if (lineEnd < 0 && !final) break;
        handle(cells, line, broken.code);
        line += 1;
        pos += lineEnd < 0 ? rest.length : lineEnd + newline.length;
        continue;
      }
      const at = line;
      line += 1 + lines(cells);
      handle(cells, at, undefined);
      pos += end === 0 ? rest.length : end;
    }
    pending = text.slice(pos);
  };

  const parse = (final: boolean) => {
    if (pending.length === 0) return;
    if (parser === null) {
      newline = pending.includes("\r\n")
        ? "\r\n"
        : pending.includes("\n") || !pending.includes("\r")
          ? "\n"
          : "\r";
      parser = new (Papa.Parser as unknown as ParserClass)({
        delimiter,
        newline: newline as "\n",
        quoteChar: '"',
      });
    }
    const text = pending;
    if (handlers.line !== undefined && columns >= 0 && !text.includes('"')) {
      readPlainLines(text, final);
      return;
    }
    const result = parser.parse(text, 0, !final);
    if (result.errors.length > 0) {
      parseSlowly(text, final);
      return;
    }
    pending = final ? "" : text.slice(result.meta.cursor);
    const quoted = text.includes('"');
    for (const cells of result.data) {
      const at = line;
      line += quoted ? 1 + lines(cells) : 1;
      handle(cells, at, undefined);
    }
    cutLongRow();
  };

  /**
   * A chunk without quotes, line by line (what papaparse does for such text: a row is a line
   * split at the delimiter), offering each line to `handlers.line` first.
   */
  const readPlainLines = (text: string, final: boolean) => {
    const fast = handlers.line as NonNullable<CsvRecordHandlers["line"]>;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      let end = text.indexOf(newline, pos);
      if (end < 0) {
        if (!final) break;
        end = n;
      }
      const at = line;
      line += 1;
      if (end > pos) {
        if (fast(text, pos, end, rows + 1, at)) rows += 1;
        else handle(text.slice(pos, end).split(delimiter), at, undefined);
      }
      pos = end + newline.length;
    }
    pending = pos >= n ? "" : text.slice(pos);
    cutLongRow();
  };

  const cutLongRow = () => {
    if (pending.length > ROW_LIMIT) {
      // A quote opened and never closed would hold the rest of the file: its line is cut off.
      const end = pending.indexOf(newline);
      handle(["", ""], line, "MissingQuotes");
      line += 1;
      pending = end < 0 ? "" : pending.slice(end + newline.length);
      parse(false);
    }
  };

  return {
    /**
     * Whether a block of bytes can go to `writeLines`: a `bytesLine` handler is given, the
     * header is read and no text is pending (pending text is parsed first), lines end in LF
     * or CRLF, the block ends at a line break and holds no quote.
     */
    takesBytes(bytes: Uint8Array, start: number, end: number): boolean {
      if (handlers.bytesLine === undefined) return false;
      if (pending.length > 0) parse(false);
      if (columns < 0 || pending.length > 0) return false;
      if (parser === null || (newline !== "\n" && newline !== "\r\n")) return false;
      if (end <= start || bytes[end - 1] !== 10) return false;
      if (newline === "\r\n" && (end - start < 2 || bytes[end - 2] !== 13)) return false;
      return !hasQuote(bytes, start, end);
    },
    /**
     * Reads a block accepted by `takesBytes` line by line from its bytes, as `readPlainLines`
     * reads text: each line offered to `bytesLine`, a line it does not take decoded and split
     * at the delimiter; empty lines counted, not rows.
     */
    writeLines(bytes: Uint8Array, start: number, end: number): void {
      const fast = handlers.bytesLine as NonNullable<CsvRecordHandlers["bytesLine"]>;
      const crlf = newline === "\r\n";
      let pos = start;
      while (pos < end) {
        const lf = bytes.indexOf(10, pos);
        let stop = lf;
        if (crlf) {
          if (lf === pos || bytes[lf - 1] !== 13) {
            // A line feed inside a line of a CRLF file: the rest goes through the text path.
            this.write(decodeUtf8(bytes, pos, end));
            return;
          }
          stop = lf - 1;
        }
        const at = line;
        line += 1;
        if (stop > pos) {
          if (fast(bytes, pos, stop, rows + 1, at)) rows += 1;
          else handle(decodeUtf8(bytes, pos, stop).split(delimiter), at, undefined);
        }
        pos = lf + 1;
      }
    },
    write(chunk: string): void {
      let text = chunk;
      if (!started) {
        if (text.length === 0) return;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        started = true;
      }
      pending = pending.length === 0 ? text : pending + text;
      if (pending.length >= PARSE_AT) parse(false);
    },
    /** Parses what is left; returns whether a header was found and how many data rows were read. */
    end(): { header: boolean; rows: number } {
      parse(true);
      return { header: columns >= 0, rows };
    },
  };
}
