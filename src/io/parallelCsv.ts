import { existsSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type IssueLogSummary, mergeIssueLogs } from "../_lib/issueLog";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { type Gap5Accumulator, mergeGap5Accumulators } from "../gaps/gap5Accumulator";
import type { Facet, Instrument } from "../instrument/types";
import { type ColumnLayout, ColumnRole, columnLayout } from "../responses/columnLayout";
import { EXCLUDED_ID_LIMIT, exactInSinglePrecision } from "../responses/createDatasetBuilder";
import type {
  AnswerColumn,
  Dataset,
  ValidatedResponses,
  ValidationReport,
} from "../responses/types";
import { resolveValidationOptions, type ValidationOptions } from "../responses/validationOptions";
import type { CsvEncoding } from "./csvOptions";
import { PROGRESS_INTERVAL_MS, type ProgressMeter } from "./csvProgress";
import { type RangeJob, type RangeResult, readCsvRange, type SharedColumns } from "./csvRange";
import { type CsvNewline, detectCsvDialect } from "./csvResponseReader";
import { sortedListsMeet } from "./idHashes";

/** Files smaller than this are read on one thread (starting workers would cost more). */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** Bytes looked at for the header and the delimiter. */
const HEAD_BYTES = 256 * 1024;
const SCAN_BYTES = 1024 * 1024;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** How the parallel read is asked for. */
export interface ParallelRequest {
  readonly path: string;
  readonly source: string;
  readonly size: number;
  readonly instrument: Instrument;
  readonly validation: ValidationOptions;
  readonly delimiter: string | null;
  /** The encoding given, or null for UTF-8 unless a UTF-16 byte-order mark says otherwise. */
  readonly encoding: CsvEncoding | null;
  readonly threads: number;
  readonly workerUrl: URL;
  /** Smallest file read in parallel (default {@link PARALLEL_MIN_BYTES}). */
  readonly minBytes?: number;
  /** Takes the bytes and rows read by all threads together while they read (see onProgress). */
  readonly progress?: ProgressMeter;
}

/** A byte range of whole lines after the header, as found by the scan. */
interface Range {
  readonly start: number;
  readonly end: number;
  /** Lines with text (the most rows the range can hold). */
  readonly lines: number;
  /** Line breaks in the file before the range, after the header line. */
  readonly breaksBefore: number;
}

/**
 * Reads a CSV file on several threads when that gives exactly what one thread gives, else
 * returns null (the caller then reads it on one thread). The file is split at line ends into
 * `threads` byte ranges; the main thread reads the first, workers the others, each with the
 * ordinary reader on the header line + its range, writing the kept rows in place into shared
 * columns; then the pieces are closed up and the reports merged (row and line numbers shifted,
 * header warnings counted once).
 *
 * One thread is used (null) when the file is small, UTF-16, has no LF line breaks, starts with
 * an empty line, or holds a double quote anywhere (a quoted cell may span lines, so a line end
 * is not surely a row end), and after the fact when a range failed to read (an error the
 * single-thread read then reports itself), a range kept no row, or an id occurs in two ranges
 * (which row is kept depends on the whole file).
 *
 * @param request - The file, instrument, options and thread count.
 * @returns The dataset and report, or null to read on one thread.
 * @throws {ServqualError} `invalid-input` when a worker fails for another reason than the data.
 */
export async function readCsvParallel(
  request: ParallelRequest,
): Promise<ValidatedResponses | null> {
  const plan = await planRanges(request);
  if (plan === null) return null;
  const { layout } = plan.head;
  const rows = plan.ranges.reduce((total, range) => total + range.lines, 0);
  const resolved = resolveValidationOptions(request.validation);
  const population = layout.hasPopulation || resolved.populationDefault >= 0;
  const shared = allocateShared(layout, request.instrument, rows, population);
  const jobs = jobsOf(request, plan, null);
  const results = await runJobs(jobs, shared, request);
  if (results === null) return null;
  return merge(request, layout, plan.ranges, jobs, results, shared);
}

/**
 * `summarizeResponsesCsv` on several threads: each range streams through its own Gap 5
 * accumulator, and the accumulators merge (sums add; item sums are re-centred exactly). Null
 * when the file must be read on one thread (same conditions as {@link readCsvParallel}).
 *
 * @param request - The file, instrument, options and thread count.
 * @param reliability - Whether the accumulators keep the item sums.
 * @returns The merged accumulator and the file's report, or null.
 * @throws {ServqualError} `invalid-input` when a worker fails for another reason than the data.
 */
export async function summarizeCsvParallel(
  request: ParallelRequest,
  reliability: boolean,
): Promise<{ readonly accumulator: Gap5Accumulator; readonly report: ValidationReport } | null> {
  const plan = await planRanges(request);
  if (plan === null) return null;
  const jobs = jobsOf(request, plan, { reliability });
  const results = await runJobs(jobs, null, request);
  if (results === null || !sameRespondents(plan.head.layout, results)) return null;
  let accumulator: Gap5Accumulator | null = null;
  for (const result of results) {
    if (result.accumulator === null) return null;
    accumulator =
      accumulator === null
        ? result.accumulator
        : mergeGap5Accumulators(accumulator, result.accumulator);
  }
  if (accumulator === null) return null;
  return { accumulator, report: mergeReports(request, plan.head.layout, plan.ranges, results) };
}

interface Plan {
  readonly head: Head;
  readonly ranges: readonly Range[];
}

/** The header and the byte ranges, or null when the file is read on one thread. */
async function planRanges(request: ParallelRequest): Promise<Plan | null> {
  const { encoding } = request;
  if (request.threads < 2) return null;
  if (encoding !== null && encoding !== "utf-8" && encoding !== "latin1") return null;
  if (request.size < (request.minBytes ?? PARALLEL_MIN_BYTES)) return null;
  // Run from the sources (no built worker next to the module): one thread.
  if (request.workerUrl.protocol !== "file:" || !existsSync(fileURLToPath(request.workerUrl))) {
    return null;
  }
  const handle = await open(request.path, "r");
  let head: Head | null;
  let ranges: Range[] | null;
  try {
    head = await readHead(handle, request);
    if (head === null) return null;
    ranges = await scan(handle, head.headerEnd, request.size, request.threads);
  } finally {
    await handle.close();
  }
  if (ranges === null || ranges.length < 2 || ranges.some((range) => range.lines === 0)) {
    return null;
  }
  return { head, ranges };
}

function jobsOf(
  request: ParallelRequest,
  plan: Plan,
  summary: { readonly reliability: boolean } | null,
): RangeJob[] {
  const { head } = plan;
  // Two counters per range (bytes, rows), written by its thread, summed here while they read.
  const progress =
    request.progress === undefined
      ? null
      : new BigInt64Array(new SharedArrayBuffer(16 * plan.ranges.length));
  // With an id column a range gives up early when its excluded rows pass the claim limit, and
  // tells the others to stop (see readCsvRange).
  const stop = head.layout.hasId ? new Int32Array(new SharedArrayBuffer(4)) : null;
  let base = 0;
  return plan.ranges.map((range, index) => {
    const job: RangeJob = {
      path: request.path,
      source: request.source,
      prefix: head.prefix,
      start: range.start,
      end: range.end,
      encoding: request.encoding === "latin1" ? "latin1" : "utf-8",
      delimiter: head.delimiter,
      newline: head.newline,
      instrument: request.instrument,
      validation: request.validation,
      facetNames: head.layout.facets,
      base,
      capacity: range.lines,
      summary,
      idColumn: head.layout.role.indexOf(ColumnRole.Id),
      segmentCount: head.layout.segmentNames.length,
      progress: progress === null ? null : { counters: progress, slot: index },
      stop,
    };
    base += range.lines;
    return job;
  });
}

/**
 * Whether the ranges together keep the rows one thread keeps: every range kept a row (else
 * its own read failed or the file's answer differs) and no id occurs in two ranges (which row
 * is kept then depends on the whole file).
 */
function sameRespondents(layout: ColumnLayout, results: readonly RangeResult[]): boolean {
  if (results.some((result) => result.kept === 0 || result.kept !== result.report.rowsUsed)) {
    return false;
  }
  if (!layout.hasId) return true;
  // Past the limit, which excluded rows claim their ids depends on the whole file: one thread.
  const excluded = results.reduce((sum, result) => sum + result.report.rowsExcluded, 0);
  if (excluded > EXCLUDED_ID_LIMIT) return false;
  // Fingerprints: an id in two ranges always meets itself; two different ids share one with
  // probability about 2⁻⁵³ a pair, which only costs a read on one thread.
  const lists = results.map((result) => result.idHashes ?? new Float64Array(0));
  for (let i = 0; i < lists.length; i++) {
    for (let j = i + 1; j < lists.length; j++) {
      if (sortedListsMeet(lists[i] as Float64Array, lists[j] as Float64Array)) return false;
    }
  }
  return true;
}

interface Head {
  readonly prefix: string;
  readonly headerEnd: number;
  readonly delimiter: string;
  readonly newline: CsvNewline;
  readonly layout: ColumnLayout;
}

/** The header line, the delimiter and line break, and the column layout; null for one thread. */
async function readHead(handle: FileHandle, request: ParallelRequest): Promise<Head | null> {
  const buffer = Buffer.alloc(Math.min(HEAD_BYTES, request.size));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
  const bytes = buffer.subarray(0, bytesRead);
  const firstBreak = bytes.indexOf(LF);
  const lastBreak = bytes.lastIndexOf(LF);
  if (firstBreak === -1 || bytes.indexOf(QUOTE) !== -1) return null;
  // A UTF-16 byte-order mark without an encoding given: UTF-16, read on one thread.
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return null;
  }
  const decoder = new StringDecoder(request.encoding === "latin1" ? "latin1" : "utf8");
  const prefix = decoder.write(bytes.subarray(0, firstBreak + 1));
  const sample =
    prefix +
    new StringDecoder(request.encoding === "latin1" ? "latin1" : "utf8").write(
      bytes.subarray(firstBreak + 1, lastBreak + 1),
    );
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const { delimiter, newline } = detectCsvDialect(text, request.delimiter);
  if (newline === "\r") return null;
  let line = prefix.charCodeAt(0) === 0xfeff ? prefix.slice(1, -1) : prefix.slice(0, -1);
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (line.trim() === "" || line.includes("\uFFFD")) return null;
  let layout: ColumnLayout;
  try {
    layout = columnLayout(
      line.split(delimiter),
      request.instrument,
      resolveValidationOptions(request.validation),
    );
  } catch {
    return null; // the one-thread read reports the header's problem with its line
  }
  return { prefix, headerEnd: firstBreak + 1, delimiter, newline, layout };
}

/**
 * One pass over the bytes after the header: LF line breaks and lines with text, split into
 * `threads` ranges of about equal size at line ends; null when a double quote occurs.
 */
async function scan(
  handle: FileHandle,
  headerEnd: number,
  size: number,
  threads: number,
): Promise<Range[] | null> {
  const buffer = Buffer.allocUnsafe(SCAN_BYTES);
  const ranges: Range[] = [];
  const span = (size - headerEnd) / threads;
  let nextCut = headerEnd + span;
  let rangeStart = headerEnd;
  let rangeLines = 0;
  let rangeBreaksBefore = 0;
  let breaks = 0;
  let lineHasText = false;
  let position = headerEnd;
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, SCAN_BYTES, position);
    if (bytesRead === 0) break;
    const bytes = bytesRead === SCAN_BYTES ? buffer : buffer.subarray(0, bytesRead);
    if (bytes.indexOf(QUOTE) !== -1) return null;
    let start = 0;
    let at = bytes.indexOf(LF);
    while (at !== -1) {
      breaks += 1;
      if (lineHasText || (at > start && !(at === start + 1 && bytes[start] === CR))) {
        rangeLines += 1;
      }
      lineHasText = false;
      start = at + 1;
      const end = position + at + 1;
      if (end >= nextCut && ranges.length < threads - 1) {
        ranges.push({ start: rangeStart, end, lines: rangeLines, breaksBefore: rangeBreaksBefore });
        rangeStart = end;
        rangeLines = 0;
        rangeBreaksBefore = breaks;
        nextCut = headerEnd + span * (ranges.length + 1);
      }
      at = bytes.indexOf(LF, start);
    }
    if (start < bytes.length) lineHasText = true;
    position += bytesRead;
  }
  if (lineHasText) rangeLines += 1;
  if (rangeStart < size) {
    ranges.push({
      start: rangeStart,
      end: size,
      lines: rangeLines,
      breaksBefore: rangeBreaksBefore,
    });
  }
  return ranges;
}

function allocateShared(
  layout: ColumnLayout,
  instrument: Instrument,
  rows: number,
  population: boolean,
): SharedColumns {
  const items = instrument.dimensions.reduce((total, d) => total + d.items.length, 0);
  const single = exactInSinglePrecision(instrument);
  const capacity = Math.max(1, rows);
  const answers = (): AnswerColumn =>
    single
      ? new Float32Array(new SharedArrayBuffer(capacity * 4))
      : new Float64Array(new SharedArrayBuffer(capacity * 8));
  const doubles = () => new Float64Array(new SharedArrayBuffer(capacity * 8));
  return {
    facets: layout.facets.map(() => Array.from({ length: items }, answers)),
    weights: layout.hasWeights ? instrument.dimensions.map(doubles) : null,
    importance: layout.hasImportance ? Array.from({ length: items }, answers) : null,
    dates: layout.hasDate ? doubles() : null,
    covariates: layout.covariateNames.map(doubles),
    population: population ? new Uint8Array(new SharedArrayBuffer(capacity)) : null,
    sourceRows: new Int32Array(new SharedArrayBuffer(capacity * 4)),
  };
}

type WorkerMessage =
  | { readonly ok: true; readonly result: RangeResult }
  | {
      readonly ok: false;
      readonly error: { readonly servqual: boolean; readonly message: string };
    };

/**
 * Runs the first range here and the others in workers; null when any range failed on its data
 * (the one-thread read answers for the file). Workers are always terminated.
 */
async function runJobs(
  jobs: readonly RangeJob[],
  shared: SharedColumns | null,
  request: ParallelRequest,
): Promise<RangeResult[] | null> {
  const workers: Worker[] = [];
  const counters = jobs[0]?.progress?.counters ?? null;
  const meter = request.progress;
  // Every 100 ms (while this thread waits for a read), the threads' counts added up.
  const timer =
    counters === null || meter === undefined
      ? undefined
      : setInterval(() => {
          let bytes = (jobs[0] as RangeJob).start; // the header line
          let rows = 0;
          for (let slot = 0; slot < jobs.length; slot++) {
            bytes += Number(Atomics.load(counters, 2 * slot));
            rows += Number(Atomics.load(counters, 2 * slot + 1));
          }
          meter.update(bytes, rows);
        }, PROGRESS_INTERVAL_MS);
  timer?.unref();
  try {
    const pending = jobs.slice(1).map((job) => {
      let worker: Worker;
      try {
        worker = new Worker(request.workerUrl, { workerData: { job, shared } });
      } catch {
        return Promise.resolve<RangeResult | null>(null); // cannot start: one thread
      }
      workers.push(worker);
      return new Promise<RangeResult | null>((resolve, reject) => {
        let answered = false;
        worker.once("message", (message: WorkerMessage) => {
          answered = true;
          if (message.ok) resolve(message.result);
          else if (message.error.servqual) resolve(null);
          else reject(workerFailure(request.source, message.error.message));
        });
        worker.once("error", (error: Error) => {
          if (answered) return;
          answered = true;
          reject(workerFailure(request.source, error.message));
        });
        worker.once("exit", (code) => {
          if (!answered)
            reject(workerFailure(request.source, `the worker stopped (exit code ${code})`));
        });
      });
    });
    // Settled, never rejected: a worker failing while this thread reads its range is held.
    const settled = Promise.allSettled(pending);
    let first: RangeResult | null;
    try {
      first = await readCsvRange(jobs[0] as RangeJob, shared);
    } catch (error) {
      if (!(error instanceof ServqualError)) throw error;
      first = null;
    }
    const rest: (RangeResult | null)[] = [];
    for (const outcome of await settled) {
      if (outcome.status === "rejected") throw outcome.reason;
      rest.push(outcome.value);
    }
    if (first === null || rest.some((result) => result === null)) return null;
    return [first, ...(rest as RangeResult[])];
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function workerFailure(source: string, detail: string): ServqualError {
  return new ServqualError("invalid-input", `The file ${source} could not be read in parallel.`, [
    {
      code: "parallel-read-failed",
      message: `a worker thread failed: ${detail}; pass { threads: 1 } to read on one thread`,
    },
  ]);
}

/** Closes up the pieces and merges the reports; null when the file must be read on one thread. */
function merge(
  request: ParallelRequest,
  layout: ColumnLayout,
  ranges: readonly Range[],
  jobs: readonly RangeJob[],
  results: readonly RangeResult[],
  shared: SharedColumns,
): ValidatedResponses | null {
  if (!sameRespondents(layout, results)) return null;
  const columns: (AnswerColumn | Int32Array | Uint8Array)[] = [
    ...shared.facets.flat(),
    ...(shared.weights ?? []),
    ...(shared.importance ?? []),
    ...(shared.dates === null ? [] : [shared.dates]),
    ...shared.covariates,
    ...(shared.population === null ? [] : [shared.population]),
    shared.sourceRows,
  ];
  let n = 0;
  let rowOffset = 0;
  results.forEach((result, i) => {
    const base = (jobs[i] as RangeJob).base;
    const rows = shared.sourceRows;
    for (let r = base; r < base + result.kept; r++) rows[r] = (rows[r] as number) + rowOffset;
    if (base !== n) {
      for (const column of columns) column.copyWithin(n, base, base + result.kept);
    }
    n += result.kept;
    rowOffset += result.report.rowsIn;
  });
  const view = <T extends AnswerColumn | Int32Array | Uint8Array>(array: T): T =>
    array.subarray(0, n) as T;
  const sourceRows = view(shared.sourceRows);
  const ids: string[] = [];
  if (layout.hasId) {
    for (const result of results) for (const id of result.ids ?? []) ids.push(id);
  } else {
    for (let r = 0; r < n; r++) ids.push(`row-${sourceRows[r]}`);
  }
  const facets: Partial<Record<Facet, AnswerColumn[]>> = {};
  layout.facets.forEach((facet, f) => {
    facets[facet] = (shared.facets[f] as AnswerColumn[]).map(view);
  });
  const first = (results[0] as RangeResult).report;
  const resolved = resolveValidationOptions(request.validation);
  const dataset: Dataset = {
    instrument: request.instrument,
    n,
    ids,
    sourceRows,
    facets,
    weights: shared.weights === null ? null : shared.weights.map(view),
    importance: shared.importance === null ? null : shared.importance.map(view),
    dates: shared.dates === null ? null : view(shared.dates),
    segments: layout.segmentNames.map((name, s) => {
      const values: (string | null)[] = [];
      for (const result of results)
        for (const value of result.segments[s] ?? []) values.push(value);
      return { name, values };
    }),
    covariates: layout.covariateNames.map((name, k) => ({
      name,
      values: view(shared.covariates[k] as Float64Array),
    })),
    population:
      shared.population === null
        ? null
        : {
            column: layout.hasPopulation ? resolved.populationColumn : null,
            labels: resolved.populations.labels,
            codes: view(shared.population),
          },
    missingPolicy: first.missingPolicy,
  };
  return { dataset, report: mergeReports(request, layout, ranges, results) };
}

/**
 * The reports of the ranges as one report of the file: each range's log is shifted to the
 * file's rows and lines, the header warnings every range repeats and all but the first
 * replacement-character issue are dropped, and the logs merge by line.
 */
function mergeReports(
  request: ParallelRequest,
  layout: ColumnLayout,
  ranges: readonly Range[],
  results: readonly RangeResult[],
): ValidationReport {
  const resolved = resolveValidationOptions(request.validation);
  const headerCounts = new Map<string, number>();
  for (const warning of layout.warnings) {
    headerCounts.set(warning.code, (headerCounts.get(warning.code) ?? 0) + 1);
  }
  const parts: IssueLogSummary[] = [];
  let rowOffset = 0;
  let replacementSeen = false;
  let rowsIn = 0;
  let rowsUsed = 0;
  let notApplicable = 0;
  let blank = 0;
  let weightsRescaled = 0;
  let unreadableLines = 0;
  results.forEach((result, i) => {
    const report = result.report;
    const lineOffset = (ranges[i] as Range).breaksBefore;
    const rows = rowOffset;
    const shift = <T extends { row?: number; line?: number }>(entry: T): T => ({
      ...entry,
      ...(entry.row === undefined || entry.row === 0 ? {} : { row: entry.row + rows }),
      ...(entry.line === undefined ? {} : { line: entry.line + lineOffset }),
    });
    const issueCounts: Record<string, number> = { ...report.issueCounts };
    const issues: Issue[] = [];
    const headerLeft = new Map(headerCounts);
    let replacementHere = false;
    for (const issue of report.issues) {
      // Header warnings carry row 0 (or none) and come first; every range has them.
      const header =
        (issue.row === undefined || issue.row === 0) && (headerLeft.get(issue.code) ?? 0) > 0;
      if (header) {
        headerLeft.set(issue.code, (headerLeft.get(issue.code) ?? 0) - 1);
        if (i === 0) issues.push(issue);
        continue;
      }
      if (issue.code === "replacement-character") {
        replacementHere = true;
        if (replacementSeen) continue;
      }
      issues.push(shift(issue));
    }
    if (i > 0) {
      for (const [code, count] of headerCounts) {
        issueCounts[code] = (issueCounts[code] ?? 0) - count;
      }
    }
    if (replacementHere || (report.issueCounts["replacement-character"] ?? 0) > 0) {
      if (replacementSeen) {
        issueCounts["replacement-character"] = (issueCounts["replacement-character"] ?? 0) - 1;
      }
      replacementSeen = true;
    }
    parts.push({
      issues,
      issueCounts,
      issuesTruncated: report.issuesTruncated,
      rowsExcluded: report.rowsExcluded,
      exclusionCounts: report.exclusionCounts,
      excludedRows: report.excludedRows.map(shift),
      excludedRowsTruncated: report.excludedRowsTruncated,
    });
    unreadableLines += report.unreadableLines;
    rowsIn += report.rowsIn;
    rowsUsed += report.rowsUsed;
    notApplicable += report.notApplicable;
    blank += report.blank;
    weightsRescaled += report.weightsRescaled;
    rowOffset += report.rowsIn;
  });
  const first = (results[0] as RangeResult).report;
  return {
    rowsIn,
    rowsUsed,
    ...mergeIssueLogs(parts, resolved),
    unreadableLines,
    notApplicable,
    blank,
    weightsRescaled,
    columns: first.columns,
    missingPolicy: first.missingPolicy,
  };
}
