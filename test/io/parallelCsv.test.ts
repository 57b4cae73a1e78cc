/**
 * The parallel CSV read must give exactly the single-thread result (dataset and report), or
 * fall back to one thread; a failing worker reaches the caller as a ServqualError.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import type { CsvFileOptions } from "../../src/io/csvOptions";
import { readCsvFile } from "../../src/io/readResponsesCsv";
import { summarizeCsvFile } from "../../src/io/summarizeResponsesCsv";
import type { Dataset } from "../../src/responses/types";
import { repoFile } from "./csvFixtures";
import { workerScratch } from "./workerScratch";

const { scratch, workerUrl } = workerScratch("servqual-parallel-");

/** The columns of a dataset as plain arrays (toEqual treats NaN as equal to NaN). */
function plain(dataset: Dataset | null) {
  if (dataset === null) throw new Error("no dataset");
  const arrays = (columns: readonly ArrayLike<number>[] | null | undefined) =>
    columns?.map((column) => Array.from(column)) ?? null;
  return {
    n: dataset.n,
    ids: dataset.ids,
    sourceRows: Array.from(dataset.sourceRows),
    expectation: arrays(dataset.facets.expectation),
    perception: arrays(dataset.facets.perception),
    weights: arrays(dataset.weights),
    importance: arrays(dataset.importance),
    dates: dataset.dates === null ? null : Array.from(dataset.dates),
    segments: dataset.segments,
    missingPolicy: dataset.missingPolicy,
  };
}

/** Reads a file on one thread and on `threads`, and says whether the parallel path ran. */
async function bothWays(path: string, threads: number, options: CsvFileOptions = {}) {
  const instrument = instruments.servqual22;
  const single = await readCsvFile(path, instrument, { ...options, threads: 1 }, null);
  const trace: { parallel?: boolean } = {};
  const parallel = await readCsvFile(path, instrument, { ...options, threads }, null, {
    workerUrl,
    minBytes: 0,
    trace,
  });
  return { single, parallel, ranInParallel: trace.parallel === true };
}

/** Every number of a JSON value, in a fixed order of keys. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value).sort()) {
      numbers((value as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

const demo = readFileSync(repoFile("data/demo-bank.csv"), "utf8");

/**
 * The demo survey without its one quoted cell and with its repeated id R0205 (lines 206 and
 * 491) renamed on line 491, so that it can be read in parallel.
 */
const demoWithoutQuotes = demo
  .replace(/"=HYPERLINK\([^\n]*?\)",/, "=HYPERLINK(x),")
  .replace(/(\nR0205,[^\n]*\n[\s\S]*\n)R0205,/, "$1R9205,");

describe("parallel readResponsesCsv", () => {
  it("gives the single-thread dataset and report on the demo survey without quotes", async () => {
    expect(demoWithoutQuotes.includes('"')).toBe(false);
    expect(demoWithoutQuotes.match(/\nR0205,/g)).toHaveLength(1);
    const path = join(scratch, "demo-unquoted.csv");
    writeFileSync(path, demoWithoutQuotes);
    for (const threads of [2, 3, 5]) {
      const { single, parallel, ranInParallel } = await bothWays(path, threads);
      expect(ranInParallel).toBe(true);
      expect(plain(parallel.dataset)).toEqual(plain(single.dataset));
      expect(parallel.report).toEqual(single.report);
      expect(parallel.report.rowsIn).toBe(601);
      expect(parallel.report.rowsIn).toBe(parallel.report.rowsUsed + parallel.report.rowsExcluded);
    }
  });

  it("falls back to one thread when a quote may span lines (demo file, multi-line cells)", async () => {
    const demoRun = await bothWays(repoFile("data/demo-bank.csv"), 3);
    expect(demoRun.ranInParallel).toBe(false);
    expect(plain(demoRun.parallel.dataset)).toEqual(plain(demoRun.single.dataset));
    expect(demoRun.parallel.report).toEqual(demoRun.single.report);

    const lines = demoWithoutQuotes.trimEnd().split("\n");
    const header = lines[0] as string;
    const body = lines.slice(1).map((line, r) => {
      // Every 50th row gets a region cell with a quoted line break.
      if (r % 50 !== 7) return line;
      const cells = line.split(",");
      cells[2] = `"North\nand ""East"""`;
      return cells.join(",");
    });
    const path = join(scratch, "multiline.csv");
    writeFileSync(path, `${header}\n${body.join("\n")}\n`);
    const run = await bothWays(path, 3, { columns: { segments: ["region"] } });
    expect(run.ranInParallel).toBe(false);
    expect(run.parallel.report).toEqual(run.single.report);
    expect(plain(run.parallel.dataset)).toEqual(plain(run.single.dataset));
    expect(run.single.dataset?.segments[0]?.values).toContain('North\nand "East"');
  });

  it("gives the single-thread result with CRLF, blank lines, bad answers, weights, dates, segments and header warnings", async () => {
    const lines = demoWithoutQuotes.trimEnd().split("\n");
    const header = `${lines[0]},unused,E_1`; // an unknown column and a repeated one
    const body = lines.slice(1).map((line, r) => {
      const cells = line.split(",");
      if (r % 7 === 0) cells[5] = "9"; // out of range
      if (r % 11 === 0) cells[30] = ""; // blank
      if (r % 13 === 0) cells[40] = "x"; // not a number
      if (r % 97 === 0) cells[1] = "someday"; // not a date
      if (r % 89 === 0) for (let c = 4; c < 48; c++) cells[c] = ""; // no answers: excluded
      if (r % 101 === 0) cells.pop(); // a cell short: excluded
      return `${cells.join(",")},u${r},${cells[4]}`;
    });
    const text = [header, ...body.flatMap((line, r) => (r % 40 === 0 ? ["", line] : [line]))];
    const path = join(scratch, "varied.csv");
    writeFileSync(path, `${text.join("\r\n")}\r\n`);
    const options = { columns: { segments: ["region", "channel"] } };
    for (const threads of [2, 4]) {
      const { single, parallel, ranInParallel } = await bothWays(path, threads, options);
      expect(ranInParallel).toBe(true);
      expect(single.report.rowsExcluded).toBeGreaterThan(5);
      // Header warnings (row 0) are listed once.
      expect(single.report.issues.filter((issue) => issue.row === 0)).toHaveLength(1);
      expect(plain(parallel.dataset)).toEqual(plain(single.dataset));
      expect(parallel.report).toEqual(single.report);
    }
    // With a short issue list, the merged list is the file's first issues.
    const short = await bothWays(path, 3, { ...options, issueLimit: 5, excludedLimit: 2 });
    expect(short.ranInParallel).toBe(true);
    expect(short.parallel.report).toEqual(short.single.report);
    expect(short.parallel.report.issues).toHaveLength(5);
    expect(short.parallel.report.excludedRows).toHaveLength(2);
    expect(short.parallel.report.excludedRowsTruncated).toBe(true);
    // The row a cell short is an unreadable line in both.
    expect(short.parallel.report.unreadableLines).toBeGreaterThan(0);
  });

  it("falls back to one thread when an id occurs in two ranges", async () => {
    // The demo itself repeats R0205 on lines 206 and 491.
    const demoPath = join(scratch, "demo-repeated.csv");
    writeFileSync(demoPath, demoWithoutQuotes.replace("R9205,", "R0205,"));
    const demoRun = await bothWays(demoPath, 2);
    expect(demoRun.ranInParallel).toBe(false);
    expect(demoRun.parallel.report).toEqual(demoRun.single.report);
    expect(demoRun.single.report.excludedRows.some((row) => row.id === "R0205")).toBe(true);
    const lines = demoWithoutQuotes.trimEnd().split("\n");
    // Row 590 repeats the id of row 3: they land in different ranges.
    const repeated = (lines[590] as string).replace(/^R\d+/, "R0003");
    const path = join(scratch, "repeated.csv");
    writeFileSync(path, `${[...lines.slice(0, 590), repeated, ...lines.slice(591)].join("\n")}\n`);
    const { single, parallel, ranInParallel } = await bothWays(path, 2);
    expect(ranInParallel).toBe(false);
    expect(parallel.report).toEqual(single.report);
    expect(single.report.excludedRows.some((row) => row.id === "R0003")).toBe(true);
  });

  it("falls back to one thread when more rows with ids are excluded than claim their ids", async () => {
    // 130,000 unusable rows with ids in each range: past EXCLUDED_ID_LIMIT (100,000) plus a
    // piece, a range gives up at its next read and the file is read on one thread.
    const lines = demoWithoutQuotes.trimEnd().split("\n");
    const unusable: string[] = [];
    for (let i = 0; i < 260_000; i++) unusable.push(`X${i}`);
    const path = join(scratch, "many-excluded-ids.csv");
    writeFileSync(
      path,
      `${[...lines.slice(0, 3), ...unusable, ...lines.slice(3, 6)].join("\n")}\n`,
    );
    const { single, parallel, ranInParallel } = await bothWays(path, 2);
    expect(ranInParallel).toBe(false);
    expect(parallel.report.rowsExcluded).toBe(260_000);
    expect(parallel.report).toEqual(single.report);
    expect(plain(parallel.dataset)).toEqual(plain(single.dataset));
  }, 240_000);

  it("reports the first replacement character of the file only once", async () => {
    const lines = demoWithoutQuotes.trimEnd().split("\n");
    const marked = lines.map((line, r) =>
      r > 0 && r % 150 === 0 ? line.replace(/,app,/, ",a\uFFFDp,") : line,
    );
    const path = join(scratch, "replacement.csv");
    writeFileSync(path, `${marked.join("\n")}\n`);
    const { single, parallel, ranInParallel } = await bothWays(path, 4, {
      columns: { segments: ["channel"] },
    });
    expect(ranInParallel).toBe(true);
    expect(single.report.issueCounts["replacement-character"]).toBe(1);
    expect(parallel.report).toEqual(single.report);
  });

  it("summarizeResponsesCsv on several threads equals one thread to 1e-12, report included", async () => {
    const lines = demoWithoutQuotes.trimEnd().split("\n");
    const body = lines.slice(1).map((line, r) => {
      const cells = line.split(",");
      if (r % 7 === 0) cells[5 + (r % 40)] = ""; // missing answers all over
      if (r % 9 === 0) cells[6] = "9";
      if (r % 89 === 0) for (let c = 4; c < 48; c++) cells[c] = "";
      return cells.join(",");
    });
    const path = join(scratch, "summary.csv");
    writeFileSync(path, `${[lines[0], ...body].join("\n")}\n`);
    const instrument = instruments.servqual22;
    const one = await summarizeCsvFile(path, instrument, { threads: 1 }, {});
    for (const threads of [2, 3]) {
      const trace: { parallel?: boolean } = {};
      const many = await summarizeCsvFile(
        path,
        instrument,
        { threads },
        {
          workerUrl,
          minBytes: 0,
          trace,
        },
      );
      expect(trace.parallel).toBe(true);
      expect(many.report).toEqual(one.report);
      const a = numbers(one.gap5);
      const b = numbers(many.gap5);
      expect(b).toHaveLength(a.length);
      a.forEach((x, i) => {
        expect(Math.abs(x - (b[i] as number))).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(x)),
        );
      });
      expect(many.gap5.reliability).toHaveLength(5);
    }
  });

  it("turns a failing worker into a ServqualError and leaves no worker running", async () => {
    const broken = join(scratch, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("the worker cannot start");\n');
    const path = join(scratch, "demo-unquoted-2.csv");
    writeFileSync(path, demoWithoutQuotes);
    const attempt = readCsvFile(path, instruments.servqual22, { threads: 3 }, null, {
      workerUrl: pathToFileURL(broken),
      minBytes: 0,
    });
    await expect(attempt).rejects.toBeInstanceOf(ServqualError);
    await expect(attempt).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: "parallel-read-failed" })],
    });
  });

  it("rejects a thread count that is not a whole number from 1 to 64", async () => {
    for (const threads of [0, 1.5, 65, Number.NaN]) {
      await expect(
        readCsvFile(repoFile("data/demo-bank.csv"), instruments.servqual22, { threads }, null),
      ).rejects.toBeInstanceOf(ServqualError);
    }
  });
});
