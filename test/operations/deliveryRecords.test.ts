import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDeliveryRecordsCsv } from "../../src/io/readDeliveryRecordsCsv";
import { readStandardsCsv } from "../../src/io/readStandardsCsv";
import { validateDeliveryRecords } from "../../src/operations/deliveryRecords";
import { validateStandards } from "../../src/operations/standards";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/operations/${name}`, import.meta.url));
const asOf = "2024-12-31T00:00:00Z";

describe("readDeliveryRecordsCsv: every bad input named in the issue is a coded issue naming its line", () => {
  it("reads, excludes and counts", async () => {
    const standards = await readStandardsCsv(fixture("standards.csv"));
    const set = await readDeliveryRecordsCsv(fixture("records.csv"), { standards, asOf });
    expect(set.records.map((r) => r.id)).toEqual(["t1", "t2", "t8", "t10"]);
    expect(set.report).toMatchObject({ recordsIn: 12, recordsUsed: 4, recordsExcluded: 8 });
    const excluded = set.report.excludedRows.map((row) => [
      row.line,
      row.id,
      row.reasons.map((r) => r.code),
    ]);
    expect(excluded).toEqual([
      [4, "t3", ["before-creation"]],
      [5, "t4", ["unparseable-timestamp"]],
      [6, "t5", ["unknown-attribute"]],
      [7, "t6", ["unknown-time-zone"]],
      [8, "t7", ["future-timestamp"]],
      [10, "t9", ["before-creation"]],
      [12, null, ["missing-id"]],
      [13, "t11", ["unparseable-timestamp"]],
    ]);
    const columns = set.report.issues.map((issue) => [issue.line, issue.column]);
    expect(columns).toEqual([
      [4, "first_response"],
      [5, "created"],
      [6, "attribute"],
      [7, "time_zone"],
      [8, "created"],
      [10, "resolved"],
      [12, "id"],
      [13, "created"],
    ]);
  });

  it("reads instants: UTC text, local wall times in the calendar zone, a record's own zone", async () => {
    const set = await readDeliveryRecordsCsv(fixture("records.csv"), {
      asOf,
      calendar: { timeZone: "Europe/London" },
    });
    const byId = new Map(set.records.map((r) => [r.id, r]));
    expect(byId.get("t1")?.created).toBe(Date.UTC(2024, 2, 1, 16));
    // "2024-03-04 09:00" in London (GMT in March before the 31st) is 09:00Z.
    expect(byId.get("t2")?.created).toBe(Date.UTC(2024, 2, 4, 9));
    expect(byId.get("t8")?.timeZone).toBe("America/New_York");
    // Without standards, no attribute is unknown: t5 is kept.
    expect(byId.has("t5")).toBe(true);
  });

  it("streams in batches with onRecords and still counts every record", async () => {
    const batches: string[][] = [];
    const set = await readDeliveryRecordsCsv(fixture("records.csv"), {
      asOf,
      onRecords: (records) => batches.push(records.map((r) => r.id)),
    });
    expect(set.records).toEqual([]);
    expect(batches.flat()).toEqual(["t1", "t2", "t5", "t8", "t10"]);
    expect(set.report.recordsUsed).toBe(batches.flat().length);
    expect(set.report.recordsIn).toBe(12);
  });

  it("rejects an unknown calendar zone as an option", async () => {
    await expect(
      readDeliveryRecordsCsv(fixture("records.csv"), { calendar: { timeZone: "Europe/Atlantis" } }),
    ).rejects.toMatchObject({ code: "invalid-options", issues: [{ code: "unknown-time-zone" }] });
  });
});

describe("validateDeliveryRecords", () => {
  const standards = validateStandards([
    { attribute: "a", dimension: "responsiveness", formal: true },
  ]);
  it("validates objects and Dates, rows numbered from 1", () => {
    const set = validateDeliveryRecords(
      [
        {
          id: "1",
          attribute: "a",
          created: new Date(Date.UTC(2024, 0, 2, 9)),
          firstResponse: "2024-01-02T10:00:00+01:00",
        },
        {
          id: "2",
          attribute: "a",
          created: "2024-01-02T09:00:00Z",
          firstResponse: "2024-01-02T09:59:59+01:00",
        },
        { id: "3", attribute: "b", created: "2024-01-02T09:00:00Z" },
        { id: "1", attribute: "a", created: "2024-01-02T09:00:00Z" },
        { id: "4", attribute: "a", created: "" },
      ],
      { standards, asOf },
    );
    expect(set.records.map((r) => r.id)).toEqual(["1"]);
    expect(set.records[0]?.firstResponse).toBe(Date.UTC(2024, 0, 2, 9));
    expect(set.report.excludedRows.map((r) => [r.row, r.reasons[0]?.code])).toEqual([
      [2, "before-creation"],
      [3, "unknown-attribute"],
      [4, "duplicate-id"],
      [5, "missing-timestamp"],
    ]);
  });
  it("throws on unknown fields and bad options", () => {
    expect(() =>
      validateDeliveryRecords([
        { id: "1", attribute: "a", created: "2024-01-01", opened: "x" } as never,
      ]),
    ).toThrow(/unknown field/);
    expect(() => validateDeliveryRecords([], { asOf: "soon" })).toThrow(/asOf/);
    expect(() => validateDeliveryRecords([], { standards: [] as never })).toThrow(/StandardSet/);
  });
});
