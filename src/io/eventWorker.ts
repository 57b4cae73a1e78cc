/**
 * Worker entry of the parallel event reader: reads one byte range of an events file (see
 * `readEventRange`) and posts the result with its columns moved, not copied, or
 * `{ ok: false, reason }`. Node only; loaded by `readEventsCsv`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type EventRangeJob, readEventRange, transferList } from "./eventRange";

readEventRange(workerData as EventRangeJob).then(
  (result) => parentPort?.postMessage(result, transferList(result)),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      reason: error instanceof Error ? error.message : String(error),
    }),
);
