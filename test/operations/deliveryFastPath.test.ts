import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { finishGap3 } from "../../src/gaps/gap3";
import { accumulateGap3, createGap3Accumulator } from "../../src/gaps/gap3Accumulator";
import { utcStampAt } from "../../src/io/byteLines";
import { fastLines, readDeliveryRecordsCsv } from "../../src/io/readDeliveryRecordsCsv";
import { lineBlocks } from "../../src/io/readLineBlocks";
import { calendarTable, resolveCalendar } from "../../src/operations/calendar";
import { columnRecord, type DeliveryColumns } from "../../src/operations/deliveryColumns";
import { parseUtcStampAt } from "../../src/operations/deliveryLine";
import type { DeliveryRecord } from "../../src/operations/deliveryRecords";
import { IdSet } from "../../src/operations/idSet";
import { validateStandards } from "../../src/operations/standards";
import { parseTimestamp } from "../../src/operations/timestamp";

const dir = mkdtempSync(join(tmpdir(), "servqual-fastpath-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blockDefaults = { ...lineBlocks };
const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("parseUtcStampAt: the in-place reader of YYYY-MM-DDTHH:MM:SSZ", () => {
  const table = calendarTable(resolveCalendar("test", { timeZone: "Europe/London" }));
  it("equals Date.UTC on valid stamps and parseTimestamp on any fields, in range or not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 900, max: 9999 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 0, max: 69 }),
        fc.integer({ min: 0, max: 69 }),
        fc.constantFrom("T", " ", "t", "x"),
        fc.constantFrom("Z", "z", "+"),
        (y, m, d, h, mi, s, sep, zone) => {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${zone}`;
          const got = parseUtcStampAt(`ab,${text}`, 3);
          const general = parseTimestamp(text, table);
          expect(Object.is(got, general)).toBe(true);
          expect(Object.is(utcStampAt(Buffer.from(`ab,${text}`), 3), general)).toBe(true);
          const utc = Date.UTC(y, m - 1, d, h, mi, s);
          const valid =
            y >= 1000 &&
            sep !== "x" &&
            zone !== "+" &&
            !Number.isNaN(utc) &&
            new Date(utc).toISOString() === `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
          expect(got).toBe(valid ? utc : Number.NaN);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it("rejects non-digits anywhere", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 19 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (k, c) => {
          const base = "2024-03-01T09:30:00Z";
          const text = base.slice(0, k) + c + base.slice(k + 1);
          expect(Object.is(parseUtcStampAt(text, 0), parseTimestamp(text, table))).toBe(true);
          if (Buffer.byteLength(text) === 20) {
            expect(Object.is(utcStampAt(Buffer.from(text), 0), parseTimestamp(text, table))).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});

describe("IdSet: answers as a Set of strings", () => {
  it("reports the same first and repeated ids", () => {
    const id = fc.oneof(
      fc
        .tuple(fc.constantFrom("", "t", "TCK-", "a1b"), fc.stringMatching(/^[0-9]{0,17}$/))
        .map(([p, n]) => p + n),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (ids) => {
        const ours = new IdSet();
        const set = new Set<string>();
        for (const x of ids) {
          const fresh = !set.has(x);
          set.add(x);
          expect(ours.add(x)).toBe(fresh);
        }
      }),
    );
  });
  it("addBytes answers as add of the decoded id, mixed with add in any order", () => {
    const id = fc.oneof(
      fc
        .tuple(
          fc.constantFrom("", "t", "TCK-", "a1b", "é", "x9"),
          fc.stringMatching(/^[0-9]{0,17}$/),
        )
        .map(([p, n]) => p + n),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { maxLength: 400 }), (ids) => {
        const ours = new IdSet();
        const set = new Set<string>();
        for (const [x, asBytes] of ids) {
          const fresh = !set.has(x);
          set.add(x);
          const bytes = Buffer.from(`,${x},`);
          const got = asBytes ? ours.addBytes(bytes, 1, bytes.length - 1) : ours.add(x);
          expect(got).toBe(fresh);
        }
      }),
    );
  });
  it("keeps t1, t01 and 1 apart and grows past its first table", () => {
    const ids = new IdSet();
    expect([ids.add("t1"), ids.add("t01"), ids.add("1"), ids.add("t1")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    for (let i = 0; i < 5000; i++) expect(ids.add(`x${i}`)).toBe(true);
    for (let i = 0; i < 5000; i += 7) expect(ids.add(`x${i}`)).toBe(false);
  });
});

describe("readDeliveryRecordsCsv: the quote-free fast path equals the general path", () => {
  const standards = validateStandards([
    {
      attribute: "first-response",
      dimension: "responsiveness",
      formal: true,
      metric: "first-response",
      target: 4,
      unit: "business-hours",
      direction: "lower",
    },
    {
      attribute: "fix-time",
      dimension: "reliability",
      formal: true,
      metric: "resolution",
      target: 24,
      unit: "hours",
      direction: "lower",
    },
  ]);
  const stamp = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .date({
          min: new Date("2023-12-01T00:00:00Z"),
          max: new Date("2025-03-01T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((d) => `${d.toISOString().slice(0, 19)}Z`),
    },
    fc
      .date({
        min: new Date("2024-01-01T00:00:00Z"),
        max: new Date("2024-12-01T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 16)),
    fc
      .date({
        min: new Date("2024-03-30T00:00:00Z"),
        max: new Date("2024-04-01T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => `${d.toISOString().slice(0, 19)}+02:00`),
    fc.constantFrom(
      "",
      " 2024-03-01T09:00:00Z",
      "2024-02-30T09:00:00Z",
      "yesterday",
      "2024-03-31T01:30:00",
      "2024-10-27T01:30:00",
    ),
  );
  const text = (values: string[]) => fc.constantFrom(...values);
  const row = fc.tuple(
    text(["t1", "t2", "t3", "t01", "x", "", " t4", "t5 ", "T-10045"]),
    text(["first-response", "fix-time", "unknown", ""]),
    stamp,
    stamp,
    stamp,
    text(["North", "South", "", " North"]),
    text(["", "", "", "Europe/Paris", "Mars/Base"]),
  );
  const filler = Array.from(
    { length: 4200 },
    (_, i) => `f${i},fix-time,2024-05-01T08:00:00Z,2024-05-01T09:00:00Z,,South,`,
  );
  it("same records and the same report (issues, lines, exclusions) on generated files", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.integer({ min: 1000, max: 20000 }),
        async (rows, eol, extraCell, block) => {
          const lines = rows.map((r, k) =>
            extraCell && k === 2 ? `${r.join(",")},extra` : r.join(","),
          );
          // The first read chunk (256 KiB) holds the header and goes through papaparse: the
          // generated rows come after filler rows so that they reach the fast path.
          const body = `id,attribute,created,first_response,resolved,region,time_zone${eol}${filler.join(eol)}${eol}${lines.join(eol)}${eol}${eol}`;
          const file = join(dir, "records.csv");
          writeFileSync(file, body);
          const options = {
            standards,
            asOf: "2025-01-01T00:00:00Z",
            calendar: { timeZone: "Europe/London" },
          };
          // Small blocks: the byte path meets block edges, CRLF, and text blocks in between.
          Object.assign(lineBlocks, { first: block, size: block });
          const fast = await readDeliveryRecordsCsv(file, options);
          const batches: DeliveryColumns[] = [];
          const columns = await readDeliveryRecordsCsv(file, {
            ...options,
            onColumns: (batch) => batches.push(batch),
          });
          fastLines.bytes = false;
          const text = await readDeliveryRecordsCsv(file, options);
          fastLines.bytes = true;
          fastLines.enabled = false;
          const general = await readDeliveryRecordsCsv(file, options);
          fastLines.enabled = true;
          Object.assign(lineBlocks, blockDefaults);
          expect(fast.records).toEqual(general.records);
          expect(fast.report).toEqual(general.report);
          expect(text.records).toEqual(general.records);
          expect(text.report).toEqual(general.report);
          expect(fast.report.recordsIn).toBe(rows.length + filler.length);
          // Columns: the same records (in order, ids aside), the same report, the same Gap 3.
          expect(columns.records).toEqual([]);
          expect(columns.report).toEqual(general.report);
          const fromColumns = batches.flatMap((batch) =>
            Array.from({ length: batch.length }, (_, i) => columnRecord(batch, i, "")),
          );
          const withoutId = (r: DeliveryRecord) => ({ ...r, id: "" });
          expect(fromColumns).toEqual(general.records.map(withoutId));
          const gap3Options = { calendar: options.calendar, asOf: options.asOf };
          const byRecords = createGap3Accumulator(standards, gap3Options);
          accumulateGap3(byRecords, general.records);
          const byColumns = createGap3Accumulator(standards, gap3Options);
          for (const batch of batches) accumulateGap3(byColumns, batch);
          expect(finishGap3(byColumns, { report: columns.report })).toEqual(
            finishGap3(byRecords, { report: general.report }),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
  it("takes lines past the first 64 KiB chunk on the fast path and still counts lines right", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const created = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
      const reply = new Date(created.getTime() + 5_400_000);
      lines.push(
        `t${i % 2900},first-response,${created.toISOString().slice(0, 19)}Z,${reply.toISOString().slice(0, 19)}Z,,North,`,
      );
    }
    const file = join(dir, "long.csv");
    writeFileSync(
      file,
      `id,attribute,created,first_response,resolved,region,time_zone\n${lines.join("\n")}\n`,
    );
    const options = { standards, asOf: "2025-01-01T00:00:00Z" };
    const fast = await readDeliveryRecordsCsv(file, options);
    fastLines.enabled = false;
    const general = await readDeliveryRecordsCsv(file, options);
    fastLines.enabled = true;
    expect(fast.records).toEqual(general.records);
    expect(fast.report).toEqual(general.report);
    // t0…t99 come back at rows 2901–3000 (lines 2902–3001): duplicates.
    expect(fast.report.recordsExcluded).toBe(100);
    expect(fast.report.excludedRows[0]?.line).toBe(2902);
    expect(fast.records[2899]?.line).toBe(2901);
  });
});

describe("readDeliveryRecordsCsv onColumns and accumulateGap3 on columns", () => {
  const standards = validateStandards([
    {
      attribute: "first-response",
      dimension: "responsiveness",
      formal: true,
      metric: "first-response",
      target: 4,
      unit: "business-hours",
      direction: "lower",
    },
    {
      attribute: "visit",
      dimension: "reliability",
      formal: true,
      metric: "lateness",
      target: 0,
      unit: "hours",
      direction: "lower",
    },
  ]);
  it("hands over batches of at most 16,384 records with hand-checked values and the duplicates excluded", async () => {
    const lines = ["id,attribute,created,first_response,promised_by,delivered,region,channel"];
    for (let i = 0; i < 20000; i++) {
      lines.push(
        i % 2 === 0
          ? `t${i},first-response,2024-03-01T09:00:00Z,2024-03-01T10:30:00Z,,,North,phone`
          : `t${i},visit,2024-03-04T08:00:00Z,,2024-03-05T12:00:00Z,2024-03-05T13:15:00Z,,`,
      );
    }
    lines.push("t7,visit,2024-03-04T08:00:00Z,,,,South,web"); // a duplicate id (line 20002)
    const file = join(dir, "columns.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const batches: DeliveryColumns[] = [];
    const set = await readDeliveryRecordsCsv(file, {
      standards,
      asOf: "2025-01-01T00:00:00Z",
      onColumns: (batch) => batches.push(batch),
    });
    expect(batches.map((b) => b.length)).toEqual([16384, 20000 - 16384]);
    expect(set.report.recordsIn).toBe(20001);
    expect(set.report.recordsUsed).toBe(20000);
    expect(set.report.excludedRows).toEqual([
      {
        row: 20001,
        line: 20002,
        id: "t7",
        reasons: [{ code: "duplicate-id", message: "id: the id t7 is used by an earlier record" }],
      },
    ]);
    const [first] = batches as [DeliveryColumns];
    expect(first.labels[first.attribute[0] as number]).toBe("first-response");
    expect((first.firstResponse[0] as number) - (first.created[0] as number)).toBe(5_400_000);
    expect(first.labels[first.region[0] as number]).toBe("North");
    expect(first.labels[first.channel[0] as number]).toBe("phone");
    expect(Number.isNaN(first.resolved[0] as number)).toBe(true);
    expect(first.region[1]).toBe(-1);
    expect((first.delivered[1] as number) - (first.promisedBy[1] as number)).toBe(4_500_000);
    expect([first.row[1], first.line[1]]).toEqual([2, 3]);
    // Gap 3 by hand: every first response 1.5 business hours (met), every visit 1.25 h late.
    const state = createGap3Accumulator(standards, { asOf: "2025-01-01T00:00:00Z" });
    for (const batch of batches) accumulateGap3(state, batch);
    const result = finishGap3(state, { report: set.report });
    const item = (name: string) => result.items.find((row) => row.item === name);
    expect(item("first-response")?.compliance).toBe(1);
    expect(item("visit")?.compliance).toBe(0);
    expect(item("visit")?.misses.median).toBeCloseTo(1.25, 12);
  });
  it("rejects a bad onColumns, onColumns with onRecords, and a batch of another shape", async () => {
    const file = join(dir, "columns.csv");
    await expect(
      readDeliveryRecordsCsv(file, { onColumns: 3 as unknown as () => void }),
    ).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(
      readDeliveryRecordsCsv(file, { onColumns: () => {}, onRecords: () => {} }),
    ).rejects.toMatchObject({ code: "invalid-argument" });
    const state = createGap3Accumulator(standards, { asOf: "2025-01-01T00:00:00Z" });
    const bad = { kind: "delivery-columns", length: 2, created: new Float64Array(1) };
    expect(() => accumulateGap3(state, bad as unknown as DeliveryColumns)).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });
});
