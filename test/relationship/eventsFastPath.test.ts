import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fastEventLines, readEventsCsv } from "../../src/io/readEventsCsv";
import { lineBlocks } from "../../src/io/readLineBlocks";
import { labelFile } from "./labelLines";

const dir = mkdtempSync(join(tmpdir(), "servqual-events-fast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = { ...lineBlocks };
afterEach(() => {
  Object.assign(lineBlocks, defaults);
  fastEventLines.enabled = true;
});

const pick = (values: string[]) => fc.constantFrom(...values);
const stamp = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({
        min: new Date("2022-01-01T00:00:00Z"),
        max: new Date("2025-06-01T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => `${d.toISOString().slice(0, 19)}Z`),
  },
  pick([
    "2024-03-01",
    "2024-03-01T10:00",
    "2024-03-01T10:00:00+02:00",
    "2024-03-01 10:00:00z",
    "2024-02-30T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "2024-03-01T24:00:00Z",
    " 2024-03-01T10:00:00Z",
    "",
    "soon",
    "2024-03-01T10:00:00.250Z",
  ]),
);
const event = fc.tuple(
  // ids and labels that start like a formula or hold markup (kept, with a warning), numbers
  // that only look like one ("-5"), and a "<" that opens no tag
  pick(["e1", "e2", "e3", "e01", "e10", "E4", " e5", "", "7", "e99999999999", "=e6", "-5", "e<b>"]),
  pick(["c1", "c2", "c3", " c4", "", "ü5", "c1 ", "@SUM(1)", "-3", "=c1", "<i>c", "c<2"]),
  stamp,
  pick([
    "purchase",
    "purchase",
    "Purchase",
    "inquiry",
    "complaint",
    "gift",
    "",
    " referral",
    "downgrade",
  ]),
  pick(["", "", "10", "10.50", "129.9", "-5", "07", "abc", " 3", "1e3", ".5", "0", "-0"]),
  pick(["", "EUR", "EUR", "eur", "USD", " EUR", "gbp", "EURO", "E1"]),
  pick(["", "p1", "p2", " p3", "ü", "=p1", "-5", "<b>p</b>", "+1"]),
  pick(["", "web", "phone", "web ", "<script>", "@web", "a<b"]),
  pick(["", "", "customer", "FIRM", "x"]),
);
/** Generated lines whose cell count is not the header's 9 (every other line has 9 cells). */
const WRONG_COUNT = new Set([
  "e8,c1",
  "e9,c1,2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,,extra",
  "   ",
]);
const line = fc.oneof(
  { weight: 12, arbitrary: event.map((cells) => cells.join(",")) },
  pick(["", ...WRONG_COUNT]),
  event.map((cells) => `"${cells[0]}",${cells.slice(1).join(",")}`),
  event.map((cells) => `${cells.slice(0, 6).join(",")},"a ""quoted"" product",web,`),
);

describe("readEventsCsv: the byte-level fast path equals the general (papaparse) path", () => {
  it("same events and the same report on generated files with dirty lines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 80 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.integer({ min: 40, max: 400 }),
        async (lines, eol, bom, block) => {
          const header = "id,customer,timestamp,type,value,currency,product,channel,initiator";
          const body = `${bom ? "\ufeff" : ""}${header}${eol}${lines.join(eol)}${eol}`;
          const path = join(dir, "events.csv");
          writeFileSync(path, body);
          Object.assign(lineBlocks, { first: block, size: block });
          const options = { asOf: "2025-01-01T00:00:00Z" };
          const run = async () => {
            try {
              return await readEventsCsv(path, options);
            } catch (error) {
              return { error: String(error) };
            }
          };
          fastEventLines.enabled = true;
          const fast = await run();
          fastEventLines.enabled = false;
          const general = await run();
          expect(fast).toEqual(general);
          // Each line of another cell count is excluded as such (none is read with shifted cells).
          if ("report" in general) {
            const wrong = lines.filter((text) => WRONG_COUNT.has(text)).length;
            expect(general.report.exclusionCounts["wrong-cell-count"] ?? 0).toBe(wrong);
            expect(general.report.issueCounts["ragged-row"] ?? 0).toBe(wrong);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("same events and report, and the expected label issues, on kept lines with formula and markup labels", async () => {
    await fc.assert(
      fc.asyncProperty(labelFile, fc.integer({ min: 40, max: 400 }), async (file, block) => {
        const header = "id,customer,timestamp,type,value,currency,product,channel,initiator";
        const path = join(dir, "labels.csv");
        writeFileSync(path, `${header}\n${file.lines.join("\n")}\n`);
        Object.assign(lineBlocks, { first: block, size: block });
        fastEventLines.enabled = true;
        const fast = await readEventsCsv(path, { asOf: "2025-01-01" });
        fastEventLines.enabled = false;
        const general = await readEventsCsv(path, { asOf: "2025-01-01" });
        expect(fast).toEqual(general);
        expect(general.report.issueCounts).toEqual(file.counts);
        expect(general.report.eventsUsed).toBe(file.lines.length);
      }),
      { numRuns: 100 },
    );
  });

  it("excludes lines with more or fewer cells than the header on both paths", async () => {
    const path = join(dir, "cells.csv");
    writeFileSync(
      path,
      [
        "id,customer,timestamp,type,value,currency,product,channel,initiator",
        "e1,c1,2024-01-01T00:00:00Z,purchase,1,EUR,p1,web,", // line 2: 9 cells, kept
        "e2,c1,2024-01-02T00:00:00Z,purchase,1,EUR,p1,web,,extra", // line 3: 10 cells
        "e3,c1,2024-01-03T00:00:00Z,purchase,1,EUR,p1,web", // line 4: 8 cells
        "e4,c1,2024-01-04T00:00:00Z,purchase,1,EUR,p1,web,customer,", // line 5: 10 (trailing ,)
        "e5,c2,2024-01-05T00:00:00Z,inquiry,,,,,", // line 6: 9 cells, kept
        "",
      ].join("\n"),
    );
    Object.assign(lineBlocks, { first: 64, size: 64 });
    const fast = await readEventsCsv(path, { asOf: "2025-01-01" });
    fastEventLines.enabled = false;
    const general = await readEventsCsv(path, { asOf: "2025-01-01" });
    expect(fast).toEqual(general);
    expect(fast.report.eventsIn).toBe(5);
    expect(fast.report.eventsUsed).toBe(2);
    expect(fast.report.exclusionCounts).toEqual({ "wrong-cell-count": 3 });
    expect(fast.report.excludedRows.map((row) => [row.line, row.row])).toEqual([
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(fast.report.issues.map((issue) => issue.message.match(/has (\d+) cells/)?.[1])).toEqual([
      "10",
      "8",
      "10",
    ]);
    expect(Array.from(fast.events.source)).toEqual([2, 6]);
  });

  it("reads a CRLF file whose first block ends between the header's CR and LF", async () => {
    const header = "id,customer,timestamp,type,value,currency,product,channel,initiator";
    const path = join(dir, "split-crlf.csv");
    writeFileSync(
      path,
      `${header}\r\ne1,c1,2022-01-01T00:00:00Z,purchase,,,,,\r\ne2,c1,2022-01-02T00:00:00Z,inquiry,,,,,\r\n`,
    );
    // The first block is the header and its CR: the line ends are CRLF, not CR.
    Object.assign(lineBlocks, { first: header.length + 1, size: 64 });
    for (const fast of [true, false]) {
      fastEventLines.enabled = fast;
      const { events, report } = await readEventsCsv(path, { asOf: "2025-01-01" });
      expect(report.issues).toEqual([]);
      expect(report.eventsUsed).toBe(2);
      expect(Array.from(events.source)).toEqual([2, 3]);
    }
  });

  it("reads clean lines on the fast path with the right lines across blocks", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const time = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
      rows.push(`e${i % 2900},c${i % 37},${time}Z,purchase,${(i % 50) + 0.25},EUR,p${i % 5},web,`);
    }
    const path = join(dir, "long.csv");
    writeFileSync(
      path,
      `id,customer,timestamp,type,value,currency,product,channel,initiator\n${rows.join("\n")}\n`,
    );
    Object.assign(lineBlocks, { first: 1000, size: 4096 });
    const fast = await readEventsCsv(path);
    fastEventLines.enabled = false;
    const general = await readEventsCsv(path);
    expect(fast).toEqual(general);
    // e0…e99 come back on rows 2901–3000 (lines 2902–3001): duplicates.
    expect(fast.report.duplicates).toBe(100);
    expect(fast.report.excludedRows[0]?.line).toBe(2902);
    expect(fast.events.n).toBe(2900);
    expect(fast.events.customers.length).toBe(37);
    // Value of row i is (i mod 50) + 0.25: the sum over the 2,900 kept rows, by hand.
    let sum = 0;
    for (let i = 0; i < 2900; i++) sum += (i % 50) + 0.25;
    expect(fast.events.value.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 6);
  });
});

describe("sorted column copies of an event set", () => {
  it("long customer histories in any order, and a cloned set, give the same features", async () => {
    const { relationshipFeatures, stageTimeline, validateEvents } = await import("../../src/index");
    const types = ["purchase", "complaint", "complaint-resolved", "inquiry", "purchase"];
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: `e${i}`,
      customer: `c${i % 3}`,
      // many ties in time, so the tie-breaks (type, product, value, input order) matter
      timestamp: new Date(Date.UTC(2023, 0, 1) + (i % 40) * 86_400_000 * 7).toISOString(),
      type: types[i % types.length] as string,
      ...(i % 5 === 0 || i % 5 === 4 ? { value: (i * 37) % 101, product: `p${i % 4}` } : {}),
    }));
    const shuffled = [...records].reverse();
    const a = validateEvents(records).events;
    const b = validateEvents(shuffled).events;
    const asOf = "2024-06-30T00:00:00Z";
    const fa = relationshipFeatures(a, { asOf });
    const byId = (list: readonly { customer: string }[]) =>
      [...list].sort((x, y) => x.customer.localeCompare(y.customer));
    expect(byId(relationshipFeatures(b, { asOf }).customers)).toEqual(byId(fa.customers));
    expect(relationshipFeatures(structuredClone(a), { asOf })).toEqual(fa);
    const span = { from: "2023-01-01", to: asOf };
    expect(stageTimeline(structuredClone(b), span)).toEqual(stageTimeline(b, span));
    expect(byId(stageTimeline(b, span).customers)).toEqual(byId(stageTimeline(a, span).customers));
    // 100 events per customer (above the insertion-sort limit): every purchase counted.
    expect(fa.customers.map((c) => c.events)).toEqual([100, 100, 100]);
  });
});
