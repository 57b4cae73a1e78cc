import { closeSync, openSync, readSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Papa from "papaparse";
import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { closestName, editDistance } from "../_lib/closestName";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { resolveEventOptions } from "../relationship/eventOptions";
import { EventSetBuilder } from "../relationship/eventSetBuilder";
import type { EventOptions, ValidatedEvents } from "../relationship/types";
import { finishEvents } from "../relationship/validateEvents";
import { builtWorkerUrl } from "./builtWorkerUrl";
import { hasQuote } from "./byteLines";
import { EventLineReader } from "./eventLine";
import type { EventRangeJob, EventRangeRefusal, EventRangeResult } from "./eventRange";
import { EventRangeMerge } from "./eventRangeMerge";
import { readLineBlocks } from "./readLineBlocks";
import { displayPath, fileError } from "./readResponsesCsv";

/**
 * Whether quote-free blocks are read by the byte-level fast path (`EventLineReader`); tests
 * turn it off to compare with the general path. Not part of the public API.
 */
export const fastEventLines = { enabled: true };

/**
 * Settings of the parallel read, for tests: the worker file (default the built
 * `eventWorker.js` beside this module), the smallest file read on two threads, and a trace of
 * whether the last read joined a range read by the worker. Not part of the public API.
 */
export const parallelEvents: {
  workerUrl: URL | null;
  minBytes: number;
  /** The share of the file the main thread reads (it joins the worker's part too). */
  share: number;
  trace: { parallel: boolean; reason: string; ms?: readonly number[] };
} = {
  workerUrl: null,
  minBytes: 8 * 1024 * 1024,
  share: 0.45,
  trace: { parallel: false, reason: "" },
};

/** The fields of an event, in the order of the builder's arguments. */
const FIELDS = [
  "id",
  "customer",
  "timestamp",
  "type",
  "value",
  "currency",
  "product",
  "channel",
  "initiator",
] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ["id", "customer", "timestamp", "type"];

/** Options of {@link readEventsCsv}: the event options, column names and the delimiter. */
export interface EventCsvOptions extends EventOptions {
  /** Header names of the fields when they differ from the field names, e.g. `{ id: "event_id" }`. */
  readonly columns?: Partial<Readonly<Record<Field, string>>>;
  /** The delimiter (default `,`). */
  readonly delimiter?: string;
  /**
   * Threads that read the file: 1 or 2 (default: 2 when the machine has at least 2 cores and
   * its 1-minute load average is under twice the cores, else 1). With 2, a file of 8 MiB or
   * more, LF line ends, no double quote and ids of one prefix + a number is read in two
   * halves, the second by a worker thread; the result is the same as on one thread.
   */
  readonly threads?: number;
}

const QUOTE = '"';

interface ChunkResult {
  readonly data: string[][];
  readonly errors: readonly { readonly code: string; readonly message: string; row?: number }[];
  readonly meta: { readonly cursor: number };
}
interface ChunkParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): ChunkResult;
}

/** The cell of a column, or undefined for a column the file does not have (−1). */
function cellAt(cells: readonly string[], column: number): string | undefined {
  return column < 0 ? undefined : cells[column];
}

function countBreaks(cell: string): number {
  let n = 0;
  let at = cell.indexOf("\n");
  while (at !== -1) {
    n += 1;
    at = cell.indexOf("\n", at + 1);
  }
  return n;
}

/**
 * Reads a CSV file of CRM events (one header row, one event per row, any order) into an
 * event set, streaming: the file is read in 1 MiB blocks ending at a line break; a block
 * without quotes is read line by line from its bytes (`EventLineReader`: cells by offset, no
 * string per cell), any other block, and every line the fast path does not keep without
 * issue, is decoded as UTF-8 (a byte-order mark is removed) and parsed by papaparse (RFC
 * 4180); each row goes straight into the same builder as `validateEvents`, so the rows never
 * sit in memory as records and both paths give the same events and issues. Every
 * issue and excluded event names its `line` (the header is line 1; line breaks inside quoted
 * cells count) and `row` (the data row). Columns are found by name (`id`, `customer`,
 * `timestamp`, `type`, `value`, `currency`, `product`, `channel`, `initiator`, or the names in
 * `columns`; trimmed, case included, as `readResponsesCsv` matches them); other columns are
 * ignored. A row with more or fewer cells than the header (issue `ragged-row`, exclusion reason
 * `wrong-cell-count`: its cells cannot be matched to columns; a trailing delimiter is one more
 * cell) or a broken quote (`malformed-quote`) is excluded; empty lines are skipped.
 * Events in = used + excluded.
 *
 * @param path - The file's path (or `file:` URL).
 * @param options - The options of `validateEvents`, `columns` and `delimiter`.
 * @returns The event set and the report.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`; `invalid-input` when the file
 * cannot be read, a required column (id, customer, timestamp, type) is missing
 * (`missing-event-column`, naming the header's line and a near miss such as `ID` for `id`) or
 * a column an event field reads appears more than once in the header (`duplicate-column`,
 * naming its positions); `empty-input`; `no-usable-rows`.
 *
 * @example
 * const { events, report } = await readEventsCsv("events.csv", { asOf: "2024-12-31" });
 * report.eventsIn === report.eventsUsed + report.eventsExcluded //=> true
 */
export async function readEventsCsv(
  path: string | URL,
  options: EventCsvOptions = {},
): Promise<ValidatedEvents> {
  if (typeof path !== "string" && !(path instanceof URL)) {
    throw invalidArgument("readEventsCsv", "path", "a file path (string or file: URL)", path);
  }
  const resolved = resolveEventOptions("readEventsCsv", options ?? undefined, [
    "columns",
    "delimiter",
    "threads",
  ]);
  const { columns, delimiter, threads } = checkCsvOptions(options ?? {});
  const name = displayPath(path);
  let size: number;
  let regular = false;
  try {
    const info = await stat(path);
    regular = info.isFile();
    if (info.isDirectory()) {
      throw new ServqualError("invalid-input", `${name} is a directory, not a CSV file.`, [
        { code: "not-a-file", message: `the path ${name} names a directory` },
      ]);
    }
    size = info.size;
  } catch (error) {
    throw fileError(error, name);
  }
  // Room for one event per 48 bytes of file (the usual event line is longer), so the columns
  // are rarely enlarged (an enlargement copies them all at twice the size).
  const builder = new EventSetBuilder(resolved, Math.max(1024, Math.floor(size / 48)));
  const reader = new EventCsvReader(builder, columns, delimiter, name);
  const decoder = new StringDecoder("utf8");
  let quoted = false;
  const onBlock = (bytes: Buffer, start: number, end: number): void => {
    if (fastEventLines.enabled && reader.takesBytes(bytes, start, end)) {
      reader.writeLines(bytes, start, end);
    } else {
      if (hasQuote(bytes, start, end)) quoted = true;
      reader.write(decoder.write(bytes.subarray(start, end)));
    }
  };
  parallelEvents.trace = { parallel: false, reason: "one thread" };
  try {
    const file = typeof path === "string" ? path : fileURLToPath(path);
    const split =
      fastEventLines.enabled && regular && threads > 1 && size >= parallelEvents.minBytes
        ? await splitPoint(file, size, parallelEvents.share)
        : null;
    if (split === null) await readLineBlocks(path, onBlock);
    else {
      let worker: RangeWorker | null = null;
      await readLineBlocks(
        path,
        (bytes, start, end) => {
          onBlock(bytes, start, end);
          if (worker === null && !quoted && reader.lfReady()) {
            worker = startWorker({
              path: file,
              start: split,
              end: size,
              at: reader.columnsAt(),
              width: reader.width(),
              delimiter: delimiter.charCodeAt(0),
            });
          }
        },
        0,
        split,
      );
      const started = worker as RangeWorker | null;
      const t0 = performance.now();
      const result = started === null ? null : await started.result;
      const t1 = performance.now();
      if (result?.ok && !quoted && reader.lfReady()) {
        reader.joinRange(result, file, size);
        // milliseconds: waiting for the worker after the first part, joining its part
        parallelEvents.trace = {
          parallel: true,
          reason: "",
          ms: [t1 - t0, performance.now() - t1],
        };
      } else {
        parallelEvents.trace = {
          parallel: false,
          reason: result === null ? "no worker" : result.ok ? "quotes" : result.reason,
        };
        await readLineBlocks(path, onBlock, split);
      }
    }
  } catch (error) {
    throw fileError(error, name);
  }
  reader.write(decoder.end());
  reader.end();
  return finishEvents("readEventsCsv", builder);
}

/** A worker reading one range, and its answer. */
interface RangeWorker {
  readonly result: Promise<EventRangeResult | EventRangeRefusal>;
}

function startWorker(job: EventRangeJob): RangeWorker {
  const url = parallelEvents.workerUrl ?? builtWorkerUrl("eventWorker.js");
  if (url === null) return { result: Promise.resolve({ ok: false, reason: "no worker file" }) };
  const worker = new Worker(url, { workerData: job });
  const result = new Promise<EventRangeResult | EventRangeRefusal>((resolve) => {
    worker.once("message", (message: EventRangeResult | EventRangeRefusal) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", (error) => resolve({ ok: false, reason: error.message }));
    worker.once("exit", () => resolve({ ok: false, reason: "the worker stopped" }));
  });
  return { result };
}

/**
 * Where the worker's part starts: just after the first line feed at or after `share` of the
 * file (null when there is none within 1 MiB).
 */
async function splitPoint(path: string, size: number, share: number): Promise<number | null> {
  const middle = Math.floor(size * share);
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, middle);
    const lf = buffer.subarray(0, bytesRead).indexOf(10);
    if (lf < 0 || middle + lf + 1 >= size) return null;
    return middle + lf + 1;
  } finally {
    await handle.close();
  }
}

/** 2 when the machine has 2 cores or more and is not busy (load under twice the cores), else 1. */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 2 && (loadavg()[0] ?? 0) < 2 * cores ? 2 : 1;
}

function checkCsvOptions(options: EventCsvOptions): {
  columns: Partial<Record<Field, string>>;
  delimiter: string;
  threads: number;
} {
  const issues: Issue[] = [];
  const columns: Partial<Record<Field, string>> = {};
  if (options.columns !== undefined) {
    if (!isRecord(options.columns)) {
      issues.push({
        code: "invalid-option",
        message: "columns must be an object of field → header name",
        path: ["columns"],
      });
    } else {
      for (const [field, header] of Object.entries(options.columns)) {
        if (!FIELDS.includes(field as Field)) {
          issues.push({
            code: "unknown-option",
            message: `columns.${field} is not an event field (${FIELDS.join(", ")})`,
            path: ["columns", field],
          });
        } else if (typeof header !== "string" || header.trim().length === 0) {
          issues.push({
            code: "invalid-option",
            message: `columns.${field} must be a header name`,
            path: ["columns", field],
          });
        } else columns[field as Field] = header.trim();
      }
    }
  }
  let delimiter = ",";
  if (options.delimiter !== undefined) {
    if (
      typeof options.delimiter !== "string" ||
      ![",", ";", "\t", "|"].includes(options.delimiter)
    ) {
      issues.push({
        code: "invalid-delimiter",
        message: "delimiter must be one of , ; tab |",
        path: ["delimiter"],
      });
    } else delimiter = options.delimiter;
  }
  let threads = 1;
  if (options.threads === undefined) threads = defaultThreads();
  else if (options.threads === 1 || options.threads === 2) threads = options.threads;
  else {
    issues.push({
      code: "invalid-option",
      message: "threads must be 1 or 2",
      path: ["threads"],
    });
  }
  if (issues.length > 0)
    throw new ServqualError("invalid-options", "readEventsCsv: the options are not valid.", issues);
  return { columns, delimiter, threads };
}

/** Splits decoded text into rows and hands them to the builder, counting lines. */
class EventCsvReader {
  private readonly builder: EventSetBuilder;
  private readonly columns: Partial<Record<Field, string>>;
  private readonly delimiter: string;
  private readonly name: string;
  private pending = "";
  private started = false;
  private parser: ChunkParser | null = null;
  /** Column index of each field, -1 when absent. */
  private readonly at = new Int32Array(FIELDS.length).fill(-1);
  private headerCells = 0;
  private headerLine = 1;
  private line = 1;
  private row = 0;
  private newline = "";
  private fast: EventLineReader | null = null;

  constructor(
    builder: EventSetBuilder,
    columns: Partial<Record<Field, string>>,
    delimiter: string,
    name: string,
  ) {
    this.builder = builder;
    this.columns = columns;
    this.delimiter = delimiter;
    this.name = name;
  }

  write(text: string): void {
    if (text.length === 0) return;
    let chunk = text;
    if (!this.started) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      this.started = true;
    }
    this.pending = this.pending.length === 0 ? chunk : this.pending + chunk;
    if (this.parser === null) {
      if (!/[\r\n]/.test(this.pending)) return;
      const lf = this.pending.indexOf("\n");
      // A CR ending the text so far may be the first half of a CRLF (a block can end between
      // them when the header is longer than the first block): wait for the next block.
      if (lf === -1 && this.pending.indexOf("\r") === this.pending.length - 1) return;
      const newline =
        lf > 0 && this.pending.charCodeAt(lf - 1) === 13 ? "\r\n" : lf === -1 ? "\r" : "\n";
      this.newline = newline;
      const Parser = Papa.Parser as unknown as new (config: Papa.ParseConfig) => ChunkParser;
      this.parser = new Parser({ delimiter: this.delimiter, newline, quoteChar: QUOTE });
    }
    this.parse(false);
  }

  end(): void {
    if (this.parser === null) {
      if (this.pending.length === 0) {
        throw new ServqualError("empty-input", `The file ${this.name} is empty.`, [
          { code: "empty-input", message: "there is no header row and no data", line: 1 },
        ]);
      }
      const Parser = Papa.Parser as unknown as new (config: Papa.ParseConfig) => ChunkParser;
      this.parser = new Parser({ delimiter: this.delimiter, newline: "\n", quoteChar: QUOTE });
    }
    this.parse(true);
    if (this.headerCells === 0 || this.row === 0) {
      throw new ServqualError("empty-input", `The file ${this.name} has no events.`, [
        {
          code: "empty-input",
          message:
            this.headerCells === 0
              ? "there is no header row"
              : "there is a header but no data rows",
          line: this.headerLine,
        },
      ]);
    }
  }

  private parse(last: boolean): void {
    const text = this.pending;
    const result = (this.parser as ChunkParser).parse(text, 0, !last);
    const quoted = text.includes(QUOTE);
    const broken = new Set<number>();
    for (const error of result.errors) if (error.row !== undefined) broken.add(error.row);
    const data = result.data;
    for (let r = 0; r < data.length; r++) {
      const cells = data[r] as string[];
      const line = this.line;
      let spans = 1;
      if (quoted) for (const cell of cells) spans += countBreaks(cell);
      this.line += spans;
      if (cells.length === 1 && cells[0] === "") continue; // an empty line
      if (this.headerCells === 0) {
        this.header(cells, line);
        continue;
      }
      this.dataRow(cells, line, broken.has(r));
    }
    this.pending = last ? "" : text.slice(result.meta.cursor);
  }

  /** A data row of cells (not blank), its first line, and whether its quotes are broken. */
  private dataRow(cells: readonly string[], line: number, broken: boolean): void {
    this.row += 1;
    const where = { row: this.row, line };
    if (broken) {
      this.builder.excludeWith(
        "malformed-quote",
        "malformed-quote",
        "a quote in the row is not closed or closed in the wrong place; the event is excluded",
        where,
        "",
        null,
      );
      return;
    }
    if (cells.length !== this.headerCells) {
      this.builder.excludeWith(
        "ragged-row",
        "wrong-cell-count",
        `the row has ${cells.length} cells but the header has ${this.headerCells} columns, so its cells cannot be matched to columns; the event is excluded`,
        where,
        "",
        null,
      );
      return;
    }
    const at = this.at;
    this.builder.add(
      cells[at[0] as number],
      cells[at[1] as number],
      cells[at[2] as number],
      cells[at[3] as number],
      cellAt(cells, at[4] as number),
      cellAt(cells, at[5] as number),
      cellAt(cells, at[6] as number),
      cellAt(cells, at[7] as number),
      cellAt(cells, at[8] as number),
      where,
    );
  }

  /**
   * Whether a block can be read from its bytes: the header is read, nothing is pending, lines
   * end in LF or CRLF, the block ends at a line break and holds no quote.
   */
  takesBytes(bytes: Buffer, start: number, end: number): boolean {
    if (this.headerCells === 0 || this.pending.length > 0) return false;
    if (this.newline !== "\n" && this.newline !== "\r\n") return false;
    if (end <= start || bytes[end - 1] !== 10) return false;
    if (this.newline === "\r\n" && (end - start < 2 || bytes[end - 2] !== 13)) return false;
    return !hasQuote(bytes, start, end);
  }

  /**
   * Reads a block accepted by {@link takesBytes} line by line: each line is offered to the
   * fast path, and a line it does not keep is decoded, split at the delimiter (what papaparse
   * does with a line without quotes) and handled as a parsed row. Line and row numbers are the
   * general path's (empty lines counted, not rows).
   */
  writeLines(bytes: Buffer, start: number, end: number): void {
    this.fast ??= new EventLineReader(this.builder, this.at, this.headerCells, this.delimiter);
    const fast = this.fast;
    const crlf = this.newline === "\r\n";
    let pos = start;
    while (pos < end) {
      const lf = bytes.indexOf(10, pos);
      let stop = lf;
      if (crlf) {
        if (lf === pos || bytes[lf - 1] !== 13) {
          // A line feed inside a line (CRLF file): the rest goes through papaparse.
          this.write(bytes.toString("utf8", pos, end));
          return;
        }
        stop = lf - 1;
      }
      const line = this.line;
      this.line += 1;
      if (stop > pos) {
        if (fast.read(bytes, pos, stop, line)) this.row += 1;
        else this.dataRow(bytes.toString("utf8", pos, stop).split(this.delimiter), line, false);
      }
      pos = lf + 1;
    }
  }

  /** Whether the header is read, nothing is pending and lines end in LF: a range may be joined. */
  lfReady(): boolean {
    return this.headerCells > 0 && this.pending.length === 0 && this.newline === "\n";
  }

  /** The header column of each field. */
  columnsAt(): number[] {
    return Array.from(this.at);
  }

  /** The header's cell count. */
  width(): number {
    return this.headerCells;
  }

  /**
   * Joins the lines of a range read by a worker, in file order: a record the worker read is
   * kept through {@link EventRangeMerge} or, like any other line, read from the file again
   * and handled by the general path (as `writeLines` does).
   */
  joinRange(result: EventRangeResult, file: string, size: number): void {
    const merge = new EventRangeMerge(this.builder, result);
    const base = this.line - 1;
    const fd = openSync(file, "r");
    try {
      for (let i = 0; i < result.records; i++) {
        const line = base + (result.line[i] as number);
        if (result.kind[i] === 0 && merge.take(i, line)) {
          this.row += 1;
          continue;
        }
        const from = result.offset[i] as number;
        const to = i + 1 < result.records ? (result.offset[i + 1] as number) : size;
        const bytes = Buffer.allocUnsafe(to - from);
        readSync(fd, bytes, 0, to - from, from);
        const lf = bytes.indexOf(10);
        const text = bytes.toString("utf8", 0, lf < 0 ? bytes.length : lf);
        this.dataRow(text.split(this.delimiter), line, false);
      }
    } finally {
      closeSync(fd);
    }
    this.line = base + result.lines + 1;
  }

  /**
   * Reads the header row (its first line `line`): the column of each field by exact name
   * (trimmed, case included, as `readResponsesCsv` matches names). Refuses the file when a
   * required column is missing (the message suggests a header name that differs only in case
   * or by a typo) or when a column an event field reads appears more than once.
   */
  private header(cells: readonly string[], line: number): void {
    this.headerCells = cells.length;
    this.headerLine = line;
    const names = cells.map((cell) => cell.trim());
    const problems: Issue[] = [];
    const taken = new Set(FIELDS.map((field) => this.columns[field] ?? field));
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f] as Field;
      const wanted = this.columns[field] ?? field;
      const c = names.indexOf(wanted);
      this.at[f] = c;
      if (c >= 0) {
        const positions: number[] = [];
        names.forEach((name, k) => {
          if (name === wanted) positions.push(k + 1);
        });
        if (positions.length > 1) {
          problems.push({
            code: "duplicate-column",
            message: `the header has the column '${wanted}' (the event's ${field}) more than once, at columns ${positions.slice(0, -1).join(", ")} and ${positions.at(-1)}; it is not clear which one holds the ${field}: rename or remove all but one`,
            line,
            column: wanted,
          });
        }
      } else if (REQUIRED.includes(field)) {
        const near = nearName(wanted, names, taken);
        problems.push({
          code: "missing-event-column",
          message: `the header has no column '${wanted}' (the event's ${field})${near === null ? "" : `; did you mean '${near}'? (names are matched exactly, case included)`}; name it in options.columns.${field} if it is called otherwise`,
          line,
          column: wanted,
        });
      }
    }
    if (problems.length > 0) {
      const missing = problems.some((issue) => issue.code === "missing-event-column");
      const twice = problems.some((issue) => issue.code === "duplicate-column");
      const what = [
        missing ? "lacks required event columns" : "",
        twice ? "repeats an event column" : "",
      ]
        .filter((part) => part.length > 0)
        .join(" and ");
      throw new ServqualError("invalid-input", `The file ${this.name} ${what}.`, problems);
    }
  }
}

/**
 * A header name that is a near miss of `wanted` (equal ignoring case, or within
 * max(1, ⌊length / 3⌋) edits of it, case ignored), or null: what a missing column was most
 * likely meant to be; names another field reads (`taken`) are not suggested.
 */
function nearName(
  wanted: string,
  names: readonly string[],
  taken: ReadonlySet<string>,
): string | null {
  const candidates = names.filter((name) => name.length > 0 && !taken.has(name));
  const candidate = closestName(wanted, candidates);
  if (candidate === null) return null;
  const distance = editDistance(wanted.toLowerCase(), candidate.toLowerCase());
  return distance <= Math.max(1, Math.floor(wanted.length / 3)) ? candidate : null;
}
