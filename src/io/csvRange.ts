import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { ServqualError } from "../_lib/ServqualError";
import {
  accumulateGap5,
  createGap5Accumulator,
  type Gap5Accumulator,
} from "../gaps/gap5Accumulator";
import type { Facet, Instrument } from "../instrument/types";
import { EXCLUDED_ID_LIMIT } from "../responses/createDatasetBuilder";
import type { Dataset, ValidationReport } from "../responses/types";
import type { ValidationOptions } from "../responses/validationOptions";
import { type CsvNewline, createCsvResponseReader } from "./csvResponseReader";
import { IdHashList } from "./idHashes";

/**
 * Shared storage of the dataset being read in parallel: every typed column of the dataset,
 * backed by SharedArrayBuffers so that each thread writes its rows in place.
 */
export interface SharedColumns {
  /** Per facet (layout order), per item. */
  readonly facets: readonly (Float32Array | Float64Array)[][];
  readonly weights: readonly Float64Array[] | null;
  readonly importance: readonly (Float32Array | Float64Array)[] | null;
  readonly dates: Float64Array | null;
  /** One column per covariate (NaN = missing). */
  readonly covariates: readonly Float64Array[];
  /** Population code per row, or null when the dataset has no population. */
  readonly population: Uint8Array | null;
  /** Data row within the range (the merge adds the rows before it). */
  readonly sourceRows: Int32Array;
}

/** One byte range of a CSV file, read by one thread. */
export interface RangeJob {
  readonly path: string;
  readonly source: string;
  /** The file's first line (the header, byte-order mark included) with its line break. */
  readonly prefix: string;
  /** Bytes [start, end) of the file: whole lines after the header. */
  readonly start: number;
  readonly end: number;
  readonly encoding: "utf-8" | "latin1";
  readonly delimiter: string;
  readonly newline: CsvNewline;
  readonly instrument: Instrument;
  readonly validation: ValidationOptions;
  /** The answer facets of the file, in the order of `SharedColumns.facets`. */
  readonly facetNames: readonly Facet[];
  /** First row slot of this range in the shared columns, and the slots it may fill. */
  readonly base: number;
  readonly capacity: number;
  /**
   * Summary mode (`summarizeResponsesCsv`): the kept rows go into a Gap 5 accumulator instead
   * of the shared columns; `reliability` says whether it keeps the item sums.
   */
  readonly summary: { readonly reliability: boolean } | null;
  /** Input position of the id column, or -1. */
  readonly idColumn: number;
  readonly segmentCount: number;
  /**
   * Progress counters shared with the main thread, or null: this range stores its bytes read
   * at `2·slot` and its rows read at `2·slot + 1`.
   */
  readonly progress: { readonly counters: BigInt64Array; readonly slot: number } | null;
  /**
   * Shared flag (entry 0, set to 1 by a range that gives up), or null: the other ranges then
   * stop at their next read (the file is read on one thread).
   */
  readonly stop: Int32Array | null;
}

/** What a thread reports about its range (row and line numbers relative to the range). */
export interface RangeResult {
  readonly report: ValidationReport;
  /** Rows kept, written to slots [base, base + kept). */
  readonly kept: number;
  /** Ids of the kept rows (only when the file has an id column). */
  readonly ids: readonly string[] | null;
  readonly segments: readonly (readonly (string | null)[])[];
  /**
   * The fingerprints (`idHash`) of every non-blank id cell of the range, kept or not, sorted (to
   * find ids that recur across ranges; 8 bytes an id, no strings); null without an id column.
   */
  readonly idHashes: Float64Array | null;
  /** Summary mode: the range's Gap 5 accumulator (null when no row was kept). */
  readonly accumulator: Gap5Accumulator | null;
}

/** Rows validated per piece before they are copied to the shared columns. */
const PIECE_ROWS = 16_384;
const READ_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads one byte range of a CSV file with the ordinary reader (the header line first, then the
 * range's lines) and writes the kept rows into the shared columns at the range's slots. The
 * same code runs on the main thread and in the workers.
 *
 * @param job - The range and how to read it.
 * @param shared - The shared columns.
 * @returns The range's report, rows kept, ids and segments.
 * @throws {ServqualError} what the reader throws for the range (the caller then reads the file
 *   on one thread, which gives the file's own answer).
 */
export async function readCsvRange(
  job: RangeJob,
  shared: SharedColumns | null,
): Promise<RangeResult> {
  let written = 0;
  let accumulator: Gap5Accumulator | null = null;
  const ids: string[] | null = job.idColumn >= 0 && job.summary === null ? [] : null;
  const seenIds = job.idColumn >= 0 ? new IdHashList() : null;
  const segments: (string | null)[][] = Array.from({ length: job.segmentCount }, () => []);
  const onPiece = (piece: Dataset) => {
    const n = piece.n;
    if (n === 0) return;
    if (job.summary !== null || shared === null) {
      accumulator ??= createGap5Accumulator(
        piece.instrument,
        piece.missingPolicy,
        job.summary?.reliability !== false,
      );
      accumulator = accumulateGap5(accumulator, piece);
      written += n;
      return;
    }
    if (written + n > job.capacity) {
      throw new ServqualError("invalid-input", "A range holds more rows than lines.", [
        { code: "range-overflow", message: "more rows than counted lines in a byte range" },
      ]);
    }
    const at = job.base + written;
    job.facetNames.forEach((name, f) => {
      const target = shared.facets[f] as (Float32Array | Float64Array)[];
      (piece.facets[name] ?? []).forEach((column, i) => {
        (target[i] as Float32Array | Float64Array).set(column, at);
      });
    });
    const { weights, importance } = shared;
    if (piece.weights !== null && weights !== null) {
      piece.weights.forEach((column, d) => {
        (weights[d] as Float64Array).set(column, at);
      });
    }
    if (piece.importance !== null && importance !== null) {
      piece.importance.forEach((column, i) => {
        (importance[i] as Float32Array | Float64Array).set(column, at);
      });
    }
    if (piece.dates !== null) shared.dates?.set(piece.dates, at);
    piece.covariates.forEach((covariate, k) => {
      (shared.covariates[k] as Float64Array).set(covariate.values, at);
    });
    if (piece.population !== null) shared.population?.set(piece.population.codes, at);
    shared.sourceRows.set(piece.sourceRows, at);
    if (ids !== null) for (const id of piece.ids) ids.push(id);
    piece.segments.forEach((segment, s) => {
      const values = segments[s] as (string | null)[];
      for (const value of segment.values) values.push(value);
    });
    written += n;
  };
  const idColumn = job.idColumn;
  const reader = createCsvResponseReader(job.instrument, job.validation, {
    source: job.source,
    delimiter: job.delimiter,
    newline: job.newline,
    expectedRows: PIECE_ROWS,
    onPiece,
    ...(seenIds === null
      ? {}
      : {
          onRow: (cells: readonly string[]) => {
            const id = cells[idColumn]?.trim();
            if (id !== undefined && id !== "") seenIds.add(id);
          },
        }),
  });
  const decoder = new StringDecoder(job.encoding === "latin1" ? "latin1" : "utf8");
  reader.write(job.prefix);
  const handle = await open(job.path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let position = job.start;
    while (position < job.end) {
      const want = Math.min(READ_BYTES, job.end - position);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      for (let at = 0; at < bytesRead; at += CHUNK_BYTES) {
        reader.write(decoder.write(buffer.subarray(at, Math.min(bytesRead, at + CHUNK_BYTES))));
      }
      // Give up early (the caller then reads on one thread): another range gave up, or, with
      // ids, more rows of this range were excluded than claim their ids (the file's answer then
      // depends on the whole file). Rows read but not yet handed over are fewer than a piece.
      if (
        (job.stop !== null && Atomics.load(job.stop, 0) !== 0) ||
        (seenIds !== null && reader.rowsRead() - written > EXCLUDED_ID_LIMIT + PIECE_ROWS)
      ) {
        if (job.stop !== null) Atomics.store(job.stop, 0, 1);
        throw new ServqualError("invalid-input", "This range is read on one thread instead.");
      }
      if (job.progress !== null) {
        const { counters, slot } = job.progress;
        Atomics.store(counters, 2 * slot, BigInt(position - job.start));
        Atomics.store(counters, 2 * slot + 1, BigInt(reader.rowsRead()));
      }
    }
  } finally {
    await handle.close();
  }
  reader.write(decoder.end());
  const { report } = reader.end();
  const idHashes = seenIds === null ? null : seenIds.sorted();
  return { report, kept: written, ids, segments, idHashes, accumulator };
}
