import { type FileHandle, open, stat } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { resolve } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { checkOptionKeys, expectShape, invalidArgument, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import type { Dataset, ValidatedResponses, ValidationReport } from "../responses/types";
import { resolveValidationOptions } from "../responses/validationOptions";
import { builtWorkerUrl } from "./builtWorkerUrl";
import {
  CSV_FILE_OPTIONS,
  type CsvEncoding,
  type CsvFileOptions,
  splitCsvOptions,
} from "./csvOptions";
import { ProgressMeter } from "./csvProgress";
import { createCsvResponseReader } from "./csvResponseReader";
import { PARALLEL_MIN_BYTES, type ParallelRequest, readCsvParallel } from "./parallelCsv";

/** Bytes read at a time. */
const READ_BYTES = 1024 * 1024;
/** Bytes decoded and parsed at a time. */
const CHUNK_BYTES = 64 * 1024;
/** Bytes read at a time while counting lines. */
const COUNT_BYTES = 1024 * 1024;
/** Capacity hint when the input is not a regular file (a pipe): columns grow from here. */
const DEFAULT_ROWS = 1024;

const NODE_ENCODING: Readonly<Record<Exclude<CsvEncoding, "utf-16be">, BufferEncoding>> = {
  "utf-8": "utf8",
  "utf-16le": "utf16le",
  latin1: "latin1",
};

/** Decodes a file piece by piece (a character split between pieces waits for the next). */
interface PieceDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * Reads a CSV file of survey answers (one header row, one row per respondent) and validates it
 * like `validateResponses`, streaming the file so the rows never sit in memory as records:
 * returns the columnar dataset and the validation report.
 *
 * The file is read in 1 MiB pieces (the next read runs while one is parsed), decoded
 * (`options.encoding`; without it a byte-order mark picks UTF-8, UTF-16LE or UTF-16BE, and a
 * file without one is UTF-8; the mark is removed) and parsed by papaparse as
 * RFC 4180 CSV (Shafranovich 2005, IETF RFC 4180) 64 KiB at a time, in papaparse's fast mode
 * for chunks without quotes; each row goes straight into a `DatasetBuilder`. The delimiter is detected from the first rows among `,` tab `|` `;`
 * unless `options.delimiter` is given. Before parsing, one pass over the bytes counts the lines,
 * so the columns are allocated once at their final size. Every issue and excluded row carries
 * `line`, the 1-based line of the file where its row starts (the header is line 1; line breaks
 * inside quoted cells count, so the lines are those an editor shows); empty lines are skipped.
 * Quote errors become issues (`unterminated-quote`, `malformed-quote`) on their row's line.
 * No line is lost: a row may span lines only through quoted cells and with as many cells as
 * the header; a quote that would swallow the next lines instead excludes its own line, and
 * reading resumes on the next one. A line longer than the row limit is one excluded row
 * (`cell-too-long`). These, and rows of the wrong size, are counted in `unreadableLines`.
 * Excluded rows are counted in full and listed up to `excludedLimit` (memory stays flat).
 *
 * In R: `read.csv(path, na.strings = "", check.names = FALSE, fileEncoding = "UTF-8")`, then
 * the checks of `validateResponses`.
 *
 * @param path - The file's path (or `file:` URL).
 * @param instrument - The instrument, e.g. `instruments.servqual22`.
 * @param options - Validation options (see `ValidationOptions`), `delimiter`, `encoding`,
 *   `threads` and `onProgress` (bytes and rows read, at most 10 calls a second; see CsvFileOptions).
 * @returns The dataset and the report (rowsIn = rowsUsed + rowsExcluded).
 * @throws {ServqualError} `invalid-options`; `invalid-input` naming the path when the file
 * does not exist, is a directory or cannot be read, when the header has no known column or the
 * header row never ends because a quote is not closed; `empty-input` (empty file, or a header
 * and no data row); `no-usable-rows`.
 *
 * @example
 * const { dataset, report } = await readResponsesCsv("data/demo-bank.csv", instruments.servqual22);
 * report.rowsIn //=> 601
 * report.rowsIn === report.rowsUsed + report.rowsExcluded //=> true
 * dataset.n === report.rowsUsed //=> true
 */
export async function readResponsesCsv(
  path: string | URL,
  instrument: Instrument,
  options: CsvFileOptions = {},
): Promise<ValidatedResponses> {
  if (typeof path !== "string" && !(path instanceof URL)) {
    throw invalidArgument("readResponsesCsv", "path", "a file path (string or file: URL)", path);
  }
  expectShape("readResponsesCsv", "instrument", instrument, shapes.instrument);
  checkOptionKeys("readResponsesCsv", options ?? undefined, CSV_FILE_OPTIONS);
  const { dataset, report } = await readCsvFile(path, instrument, options, null);
  return { dataset: dataset as Dataset, report };
}

/** Settings of the parallel read, for tests: the worker file, the size threshold, a trace. */
export interface ParallelSettings {
  readonly workerUrl?: URL;
  readonly minBytes?: number;
  /** Set to whether the file was read in parallel. */
  readonly trace?: { parallel?: boolean };
}

/** Streaming: rows per piece, and the callback that takes each piece. */
export interface CsvPieces {
  readonly rows: number;
  readonly onPiece: (piece: Dataset) => void;
  /**
   * The parallel way for a large file: reads it on several threads and returns the report
   * (having taken the rows some other way), or null to stream it on this thread.
   */
  readonly parallel?: (request: ParallelRequest) => Promise<ValidationReport | null>;
}

/**
 * The engine of {@link readResponsesCsv}. With `pieces`, the rows are handed over piece by
 * piece (no line count, columns of `pieces.rows` rows reused) and the returned dataset holds
 * only the last piece, or is null when `pieces.parallel` took the file.
 */
export async function readCsvFile(
  path: string | URL,
  instrument: Instrument,
  options: CsvFileOptions,
  pieces: CsvPieces | null,
  parallel: ParallelSettings = {},
): Promise<{ readonly dataset: Dataset | null; readonly report: ValidationReport }> {
  const { validation, delimiter, encoding, threads, onProgress } = splitCsvOptions(options, true);
  resolveValidationOptions(validation); // bad options fail before the file is touched
  const name = displayPath(path);
  let size: number;
  let regular: boolean;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new ServqualError("invalid-input", `${name} is a directory, not a CSV file.`, [
        { code: "not-a-file", message: `the path ${name} names a directory` },
      ]);
    }
    size = info.size;
    regular = info.isFile();
  } catch (error) {
    throw fileError(error, name);
  }
  if (regular && size === 0) {
    throw new ServqualError("empty-input", `The file ${name} is empty.`, [
      { code: "empty-input", message: "the file has 0 bytes: no header row and no data", line: 1 },
    ]);
  }
  const meter = onProgress === null ? null : new ProgressMeter(onProgress, regular ? size : null);
  const threadCount = threads ?? defaultThreads();
  const minBytes = parallel.minBytes ?? PARALLEL_MIN_BYTES;
  const parallelWay = pieces === null ? readCsvParallel : pieces.parallel;
  const workerUrl = parallel.workerUrl ?? builtWorkerUrl("csvWorker.js");
  if (
    regular &&
    parallelWay !== undefined &&
    workerUrl !== null &&
    threadCount > 1 &&
    size >= minBytes
  ) {
    let result: ValidatedResponses | ValidationReport | null;
    try {
      result = await parallelWay({
        path: typeof path === "string" ? path : fileURLToPath(path),
        source: name,
        size,
        instrument,
        validation,
        delimiter,
        encoding,
        threads: threadCount,
        workerUrl,
        minBytes,
        ...(meter === null ? {} : { progress: meter }),
      });
    } catch (error) {
      throw fileError(error, name);
    }
    if (parallel.trace !== undefined) parallel.trace.parallel = result !== null;
    if (result !== null) {
      const report = "dataset" in result ? result.report : result;
      meter?.finish(size, report.rowsIn);
      return "dataset" in result ? result : { dataset: null, report: result };
    }
  }
  let expectedRows = pieces === null ? DEFAULT_ROWS : pieces.rows;
  if (regular && pieces === null) {
    try {
      expectedRows = await countDataLines(path);
    } catch (error) {
      throw fileError(error, name);
    }
  }
  const reader = createCsvResponseReader(instrument, validation, {
    source: name,
    delimiter,
    expectedRows,
    ...(pieces === null ? {} : { onPiece: pieces.onPiece }),
  });
  let decoder: PieceDecoder | null = null;
  let bytesRead = 0;
  try {
    await readChunks(path, (bytes) => {
      decoder ??= pieceDecoder(encoding ?? encodingOfMark(bytes));
      // Decoded in small pieces: a 64 KiB string lives and dies in the young generation,
      // where a 1 MiB string would be a large object left to full garbage collections.
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
        reader.write(decoder.write(bytes.subarray(at, at + CHUNK_BYTES)));
      }
      bytesRead += bytes.length;
      meter?.update(bytesRead, reader.rowsRead());
    });
  } catch (error) {
    throw fileError(error, name);
  }
  if (decoder !== null) reader.write((decoder as PieceDecoder).end());
  const result = reader.end();
  meter?.finish(bytesRead, result.report.rowsIn);
  return result;
}

/**
 * Threads when none are asked for: the cores (at most 4) unless the machine is busy (1-minute
 * load average of twice the cores or more), else 1. Measured on a shared 2-core machine: at a
 * load of about 3 two threads read the 1M-row file in 30% less time; at a load of 15 they took
 * 20% more (the scheduler gives the process its share however many threads it runs, and a
 * second thread adds work).
 */
function defaultThreads(): number {
  const cores = availableParallelism();
  return (loadavg()[0] ?? 0) < 2 * cores ? Math.min(4, cores) : 1;
}

/**
 * The encoding a byte-order mark at the start of the file names (WHATWG Encoding, "BOM
 * sniff"): FE FF UTF-16BE, FF FE UTF-16LE; UTF-8 otherwise (with EF BB BF or without a mark).
 */
function encodingOfMark(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return "utf-8";
}

function pieceDecoder(encoding: CsvEncoding): PieceDecoder {
  if (encoding === "utf-16be") {
    // Node's StringDecoder has no big-endian UTF-16; TextDecoder streams it (and drops the mark).
    const decoder = new TextDecoder("utf-16be");
    return {
      write: (bytes) => decoder.decode(bytes, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  return new StringDecoder(NODE_ENCODING[encoding]);
}

export function displayPath(path: string | URL): string {
  if (typeof path === "string") return path;
  try {
    return fileURLToPath(path);
  } catch {
    return String(path);
  }
}

/** A file-system failure as a ServqualError naming the path (other errors pass through). */
export function fileError(error: unknown, name: string): unknown {
  if (error instanceof ServqualError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") {
    return new ServqualError("invalid-input", `The file ${name} does not exist.`, [
      { code: "file-not-found", message: `there is no file at ${resolve(name)}` },
    ]);
  }
  if (code === "EISDIR") {
    return new ServqualError("invalid-input", `${name} is a directory, not a CSV file.`, [
      { code: "not-a-file", message: `the path ${name} names a directory` },
    ]);
  }
  if (code === "EACCES" || code === "EPERM") {
    return new ServqualError("invalid-input", `The file ${name} cannot be read.`, [
      { code: "file-not-readable", message: "permission to read the file is denied" },
    ]);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ServqualError("invalid-input", `The file ${name} cannot be read.`, [
    { code: "file-not-readable", message: detail },
  ]);
}

/**
 * Reads a file in 1 MiB pieces into two buffers used in turn: the next read runs while the
 * current piece is parsed, and no buffer is allocated per read.
 */
async function readChunks(path: string | URL, onBytes: (bytes: Buffer) => void): Promise<void> {
  const handle = await open(path, "r");
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let turn = 0;
  let next = handle.read(buffers[0] as Buffer, 0, READ_BYTES, null);
  try {
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) break;
      turn = 1 - turn;
      next = handle.read(buffers[turn] as Buffer, 0, READ_BYTES, null);
      onBytes(bytesRead === READ_BYTES ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await next.catch(() => undefined);
    await handle.close();
  }
}

/**
 * Non-empty lines after the first, counted over the raw bytes (LF, or CR when the file has no
 * LF): the number of data rows when no quoted cell spans lines, else a little more.
 */
async function countDataLines(path: string | URL): Promise<number> {
  const handle = await open(path, "r");
  try {
    let lines = await countLines(handle, 10);
    if (lines < 0) lines = Math.max(0, await countLines(handle, 13));
    return Math.max(0, lines - 1);
  } finally {
    await handle.close();
  }
}

/** Non-empty lines ending in `mark` (plus a last unterminated one); -1 when `mark` never occurs. */
async function countLines(handle: FileHandle, mark: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(COUNT_BYTES);
  let lines = 0;
  let marks = 0;
  let position = 0;
  let lineHasText = false;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, COUNT_BYTES, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const bytes = bytesRead === COUNT_BYTES ? buffer : buffer.subarray(0, bytesRead);
    let start = 0;
    let at = bytes.indexOf(mark);
    while (at !== -1) {
      marks += 1;
      // A line has text when it holds a byte other than CR before its mark.
      if (lineHasText || (at > start && !(at === start + 1 && bytes[start] === 13))) lines += 1;
      lineHasText = false;
      start = at + 1;
      at = bytes.indexOf(mark, start);
    }
    if (start < bytes.length) lineHasText = true;
  }
  if (lineHasText) lines += 1;
  return marks === 0 ? -1 : lines;
}
