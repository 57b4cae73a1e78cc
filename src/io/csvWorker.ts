/**
 * Worker entry of the parallel CSV reader: reads one byte range (see `readCsvRange`) and posts
 * `{ ok: true, result }`, or `{ ok: false, error }` with a ServqualError's code, message and
 * issues, or any other error's message. Node only; loaded by `readResponsesCsv`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ServqualError } from "../_lib/ServqualError";
import { type RangeJob, readCsvRange, type SharedColumns } from "./csvRange";

const { job, shared } = workerData as { job: RangeJob; shared: SharedColumns | null };

readCsvRange(job, shared).then(
  // The id fingerprints are moved, not copied.
  (result) =>
    parentPort?.postMessage(
      { ok: true, result },
      result.idHashes === null ? [] : [result.idHashes.buffer as ArrayBuffer],
    ),
  (error: unknown) => {
    parentPort?.postMessage({
      ok: false,
      error:
        error instanceof ServqualError
          ? { servqual: true, code: error.code, message: error.message, issues: error.issues }
          : { servqual: false, message: error instanceof Error ? error.message : String(error) },
    });
  },
);
