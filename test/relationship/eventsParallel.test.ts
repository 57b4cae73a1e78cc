import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parallelEvents, readEventsCsv } from "../../src/io/readEventsCsv";
import { repoFile } from "../io/csvFixtures";
import { labelFile } from "./labelLines";

const dir = mkdtempSync(join(tmpdir(), "servqual-events-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = { ...parallelEvents };
beforeAll(() => {
  const workerFile = join(dir, "eventWorker.mjs");
  buildSync({
    entryPoints: [repoFile("src/io/eventWorker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: workerFile,
    logLevel: "silent",
  });
  parallelEvents.workerUrl = pathToFileURL(workerFile);
  parallelEvents.minBytes = 0;
});
afterAll(() => Object.assign(parallelEvents, defaults));
afterEach(() => {
  parallelEvents.minBytes = 0;
});

const HEADER = "id,customer,timestamp,type,value,currency,product,channel,initiator";
const pick = (values: string[]) => fc.constantFrom(...values);
const event = fc.tuple(
  // ids and labels that start like a formula or hold markup (kept, with a warning; "=7" and
  // "=c1" as the first of a range make a prefix with a label issue), and "-5", "-3": numbers
  pick([
    "e1",
    "e2",
    "e3",
    "e4",
    "e5",
    "e01",
    "e10",
    "E4",
    " e5",
    "",
    "7",
    "e99999999999",
    "ü8",
    "=7",
    "-5",
    "@e3",
  ]),
  pick([
    "c1",
    "c2",
    "c3",
    " c4",
    "",
    "ü5",
    "c1 ",
    "c12345678",
    "x9",
    "c07",
    "@SUM(1)",
    "-3",
    "=c1",
    "<i>c9",
    "+4",
  ]),
  pick([
    "2024-03-01T10:00:00Z",
    "2023-07-15T08:30:00Z",
    "2024-03-01",
    "2024-03-01T10:00:00+02:00",
    "2024-02-30T10:00:00Z",
    "2026-01-01T00:00:00Z",
    "",
    "soon",
  ]),
  pick([
    "purchase",
    "purchase",
    "Purchase",
    "inquiry",
    "complaint",
    "gift",
    "",
    "downgrade",
    "sale",
  ]),
  pick(["", "", "10", "10.50", "-5", "07", "abc", " 3", "0"]),
  pick(["", "EUR", "EUR", "eur", "USD", " EUR", "gbp", "EURO", "E1"]),
  pick(["", "p1", "p2", " p3", "ü", "=p1", "-5", "<b>p</b>"]),
  pick(["", "web", "phone", "web ", "<script>", "@web"]),
  pick(["", "", "customer", "FIRM", "x"]),
);
/** Generated lines whose cell count is not the header's 9 (every other line has 9 cells). */
const WRONG_COUNT = new Set([
  "e8,c1",
  "e9,c1,2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,,extra",
  "   ",
]);
const line = fc.oneof(
  { weight: 14, arbitrary: event.map((cells) => cells.join(",")) },
  pick(["", ...WRONG_COUNT]),
);

async function both(path: string, options: Record<string, unknown> = {}) {
  const run = async (threads: 1 | 2) => {
    try {
      return await readEventsCsv(path, { asOf: "2025-01-01T00:00:00Z", ...options, threads });
    } catch (error) {
      return { error: String(error) };
    }
  };
  const one = await run(1);
  const two = await run(2);
  return { one, two, parallel: parallelEvents.trace.parallel };
}

describe("readEventsCsv on two threads gives what one thread gives", () => {
  it("same events and report on generated files (dirty lines, duplicates across the split)", async () => {
    let joined = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        async (lines, trailing, rates) => {
          const body = `${HEADER}\n${lines.join("\n")}${trailing ? "\n" : ""}`;
          const path = join(dir, "events.csv");
          writeFileSync(path, body);
          const { one, two, parallel } = await both(path, rates ? { rates: { USD: 0.9 } } : {});
          if (parallel) joined += 1;
          expect(two).toEqual(one);
          // Each line of another cell count is excluded as such, on whichever thread it was read.
          if ("report" in two) {
            const wrong = lines.filter((text) => WRONG_COUNT.has(text)).length;
            expect(two.report.exclusionCounts["wrong-cell-count"] ?? 0).toBe(wrong);
          }
        },
      ),
      { numRuns: 120 },
    );
    // The property must have exercised the join, not only the one-thread fallback.
    expect(joined).toBeGreaterThan(60);
  });

  it("same events and report, and the expected label issues, on kept lines with formula and markup labels", async () => {
    let joined = 0;
    await fc.assert(
      fc.asyncProperty(labelFile, async (file) => {
        const path = join(dir, "labels.csv");
        writeFileSync(path, `${HEADER}\n${file.lines.join("\n")}\n`);
        const { one, two, parallel } = await both(path);
        if (parallel) joined += 1;
        expect(two).toEqual(one);
        if ("error" in two) throw new Error(two.error);
        expect(two.report.issueCounts).toEqual(file.counts);
        expect(two.report.eventsUsed).toBe(file.lines.length);
      }),
      { numRuns: 80 },
    );
    expect(joined).toBeGreaterThan(40);
  });

  it("a clean file is joined; the second half's duplicates and customers keep file order", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const time = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
      // ids repeat after 3,000 rows: rows 3000–3999 are duplicates of rows 0–999
      rows.push(
        `e${i % 3000},c${(i * 7) % 53},${time}Z,purchase,${(i % 9) + 1},EUR,p${i % 4},web,`,
      );
    }
    const path = join(dir, "clean.csv");
    writeFileSync(path, `${HEADER}\n${rows.join("\n")}\n`);
    const { one, two, parallel } = await both(path);
    expect(parallel).toBe(true);
    expect(two).toEqual(one);
    if ("error" in two) throw new Error(two.error);
    expect(two.report.duplicates).toBe(1000);
    // the first duplicate is data row 3001, on line 3002
    expect(two.report.excludedRows[0]?.line).toBe(3002);
    // customers numbered by first appearance: c0, c7, c14, …
    expect(two.events.customers.slice(0, 3)).toEqual(["c0", "c7", "c14"]);
    expect(two.events.n).toBe(3000);
  });

  it("lines of another cell count in the worker's part are excluded as on one thread", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const time = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
      const cells = `e${i},c${i % 20},${time}Z,purchase,${(i % 9) + 1},EUR,p${i % 4},web`;
      // rows 1500, 1600, 1700 (data rows 1501…, lines 1502…; after the cut at 45% of the file,
      // so in the worker's part): 10 cells, 8 cells, a trailing comma
      if (i === 1500) rows.push(`${cells},,extra`);
      else if (i === 1600) rows.push(cells);
      else if (i === 1700) rows.push(`${cells},customer,`);
      else rows.push(`${cells},`);
    }
    const path = join(dir, "cells.csv");
    writeFileSync(path, `${HEADER}\n${rows.join("\n")}\n`);
    const { one, two, parallel } = await both(path);
    expect(parallel).toBe(true);
    expect(two).toEqual(one);
    if ("error" in two) throw new Error(two.error);
    expect(two.report.eventsIn).toBe(2000);
    expect(two.report.eventsUsed).toBe(1997);
    expect(two.report.exclusionCounts).toEqual({ "wrong-cell-count": 3 });
    expect(two.report.excludedRows.map((row) => [row.line, row.row])).toEqual([
      [1502, 1501],
      [1602, 1601],
      [1702, 1701],
    ]);
    expect(two.report.issues.map((issue) => issue.message.match(/has (\d+) cells/)?.[1])).toEqual([
      "10",
      "8",
      "10",
    ]);
  });

  it("refuses a repeated event column on two threads as on one", async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `e${i},c${i % 20},2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,,purchase`,
    );
    const path = join(dir, "twice.csv");
    writeFileSync(path, `\n${HEADER},type\n${rows.join("\n")}\n`);
    const { one, two } = await both(path);
    expect(two).toEqual(one);
    const error = await readEventsCsv(path, { threads: 2 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "invalid-input",
      issues: [{ code: "duplicate-column", column: "type", line: 2 }],
    });
    expect(String(error)).toMatch(/more than once/);
  });

  it("falls back to one thread for quotes, CRLF and ids that are not prefix + number", async () => {
    const quoted = join(dir, "quoted.csv");
    writeFileSync(
      quoted,
      `${HEADER}\ne1,c1,2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,\ne2,c1,2024-01-02T00:00:00Z,purchase,1,EUR,"p 2",web,\n`,
    );
    const q = await both(quoted);
    expect(q.parallel).toBe(false);
    expect(q.two).toEqual(q.one);
    const crlf = join(dir, "crlf.csv");
    writeFileSync(
      crlf,
      `${HEADER}\r\ne1,c1,2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,\r\ne2,c1,2024-01-02T00:00:00Z,purchase,1,EUR,p2,web,\r\n`,
    );
    const c = await both(crlf);
    expect(c.parallel).toBe(false);
    expect(c.two).toEqual(c.one);
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `id-${i.toString(36)}x,c${i % 10},2024-01-01T00:00:00Z,inquiry,,,,,`,
    );
    const texts = join(dir, "texts.csv");
    writeFileSync(texts, `${HEADER}\n${rows.join("\n")}\n`);
    const t = await both(texts);
    expect(t.parallel).toBe(false);
    expect(parallelEvents.trace.reason).toMatch(/general path/);
    expect(t.two).toEqual(t.one);
  });

  it("rejects a threads option other than 1 or 2", async () => {
    const path = join(dir, "clean.csv");
    for (const threads of [0, 3, 1.5, "2"]) {
      await expect(readEventsCsv(path, { threads } as never)).rejects.toMatchObject({
        code: "invalid-options",
      });
    }
  });
});
