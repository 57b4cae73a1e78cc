/**
 * readResponsesCsv's onProgress: throttled to 10 calls a second, bytes and rows never going
 * back, and a last call (done) at the file's size with every row, on one thread and in
 * parallel. The expected totals come from the file written here (its byte length and rows).
 */
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { type CsvProgress, PROGRESS_INTERVAL_MS, ProgressMeter } from "../../src/io/csvProgress";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { readCsvFile, readResponsesCsv } from "../../src/io/readResponsesCsv";
import { summarizeResponsesCsv } from "../../src/io/summarizeResponsesCsv";
import { workerScratch } from "./workerScratch";

const { scratch, workerUrl } = workerScratch("servqual-progress-");

const ROWS = 60_000;
/** A SERVQUAL-22 file of ROWS respondents (about 5 MB: five 1 MiB reads), no quotes, no ids. */
function bigFile(): string {
  const path = join(scratch, "big.csv");
  const header = [
    ...Array.from({ length: 22 }, (_, i) => `E_${i + 1}`),
    ...Array.from({ length: 22 }, (_, i) => `P_${i + 1}`),
  ].join(",");
  const lines = [header];
  for (let r = 0; r < ROWS; r++) {
    lines.push(Array.from({ length: 44 }, (_, c) => 1 + ((r * 7 + c * 3) % 7)).join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
const path = bigFile();
const size = statSync(path).size;

/** Records every call with the time it came. */
function recorder() {
  const calls: (CsvProgress & { at: number })[] = [];
  return { calls, onProgress: (p: CsvProgress) => calls.push({ ...p, at: performance.now() }) };
}

function expectWellFormed(calls: readonly (CsvProgress & { at: number })[]) {
  expect(calls.length).toBeGreaterThanOrEqual(1);
  const last = calls[calls.length - 1] as CsvProgress;
  expect(last).toMatchObject({ bytes: size, totalBytes: size, rows: ROWS, done: true });
  expect(calls.filter((c) => c.done)).toHaveLength(1);
  for (let i = 1; i < calls.length; i++) {
    const [before, after] = [calls[i - 1], calls[i]] as [
      CsvProgress & { at: number },
      CsvProgress & { at: number },
    ];
    expect(after.bytes).toBeGreaterThanOrEqual(before.bytes);
    expect(after.rows).toBeGreaterThanOrEqual(before.rows);
    // Throttled: at most one call per 100 ms (the last, done, may come at any time).
    if (!after.done) expect(after.at - before.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS - 1);
  }
  for (const call of calls) {
    expect(call.bytes).toBeLessThanOrEqual(size);
    expect(call.rows).toBeLessThanOrEqual(ROWS);
  }
}

describe("ProgressMeter", () => {
  it("passes at most one update per 100 ms, never goes back, and always passes the last", () => {
    let now = 0;
    const seen: CsvProgress[] = [];
    const meter = new ProgressMeter(
      (p) => seen.push(p),
      1000,
      () => now,
    );
    meter.update(100, 10); // first: passed
    now = 50;
    meter.update(200, 20); // too soon
    now = 100;
    meter.update(300, 30); // passed
    now = 300;
    meter.update(250, 25); // behind what was reported (a restart): held
    now = 400;
    meter.update(400, 40);
    meter.finish(1000, 99);
    meter.finish(1000, 99); // once only
    meter.update(1000, 100); // after the end: nothing
    expect(seen).toEqual([
      { bytes: 100, totalBytes: 1000, rows: 10, done: false },
      { bytes: 300, totalBytes: 1000, rows: 30, done: false },
      { bytes: 400, totalBytes: 1000, rows: 40, done: false },
      { bytes: 1000, totalBytes: 1000, rows: 99, done: true },
    ]);
  });
});

describe("readResponsesCsv onProgress", () => {
  it("on one thread: monotone, throttled, ends at the file's size with every row", async () => {
    const { calls, onProgress } = recorder();
    const { report } = await readResponsesCsv(path, instruments.servqual22, {
      threads: 1,
      onProgress,
    });
    expect(report.rowsIn).toBe(ROWS);
    expectWellFormed(calls);
    // The first 1 MiB read is reported at once: a call before the end.
    expect(calls[0]?.done).toBe(false);
    expect(calls[0]?.bytes).toBe(1024 * 1024);
  });

  it("in parallel: the threads' counts added up, ending at the file's size", async () => {
    const { calls, onProgress } = recorder();
    const trace: { parallel?: boolean } = {};
    const { report } = await readCsvFile(
      path,
      instruments.servqual22,
      { threads: 3, onProgress },
      null,
      { workerUrl, minBytes: 0, trace },
    );
    expect(trace.parallel).toBe(true);
    expect(report.rowsIn).toBe(ROWS);
    expectWellFormed(calls);
  });

  it("the streaming summary reports progress too", async () => {
    const { calls, onProgress } = recorder();
    const { report } = await summarizeResponsesCsv(path, instruments.servqual22, {
      threads: 1,
      onProgress,
    });
    expect(report.rowsIn).toBe(ROWS);
    expectWellFormed(calls);
  });

  it("rejects an onProgress that is not a function, and onProgress on text", async () => {
    const bad = readResponsesCsv(path, instruments.servqual22, {
      onProgress: 5 as unknown as () => void,
    });
    await expect(bad).rejects.toBeInstanceOf(ServqualError);
    await expect(bad).rejects.toMatchObject({
      code: "invalid-options",
      issues: [expect.objectContaining({ path: ["onProgress"] })],
    });
    expect(() =>
      readResponsesCsvText("E_1,P_1\n1,2\n", instruments.servqual22, {
        onProgress: () => undefined,
      } as never),
    ).toThrow(ServqualError);
  });
});
