import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateComplaints } from "../../src/index";
import { readComplaintsCsv } from "../../src/node";

const header =
  "id,customer_id,channel,opened,escalations,resolved,outcome,satisfaction_before,satisfaction,stayed";
const lines = [
  "ok1,K1,phone,2024-03-01T09:00Z,2024-03-01T10:00Z;2024-03-01T12:00Z,2024-03-02T09:00Z,upheld,1,4,yes",
  "bad-time,K2,web,yesterday,,,upheld,,3,no",
  "early,K3,letter,2024-03-05T09:00Z,,2024-03-04T09:00Z,upheld,,3,no",
  "order,K4,sms,2024-03-01T09:00Z,2024-03-02T09:00Z;2024-03-01T12:00Z,2024-03-03T09:00Z,,,3,yes",
  "late-esc,K5,sms,2024-03-01T09:00Z,2024-03-04T09:00Z,2024-03-03T09:00Z,,,3,yes",
  "chan,K6,pigeon,2024-03-01T09:00Z,,,,,3,yes",
  "scale,K7,In Person,2024-03-01T09:00Z,,,,,6,yes",
  "nan,K8,phone,2024-03-01T09:00Z,,,,,four,maybe",
  '"<script>alert(1)</script>",K9,SMS,2024-03-01T09:00Z,,,=HYPERLINK("x"),,2,no',
  "ok1,K10,phone,2024-03-01T09:00Z,,,,,,",
  "short,K11",
];

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "complaints-"));
  const path = join(dir, "complaints.csv");
  writeFileSync(path, text);
  return path;
}

describe("readComplaintsCsv: bad input is excluded with coded reasons naming line and column", async () => {
  const set = await readComplaintsCsv(file(`${header}\n${lines.join("\n")}\n`));
  const reasons = (id: string | null) =>
    set.report.excludedRows.filter((r) => r.id === id).flatMap((r) => r.reasons.map((x) => x.code));

  it("accounts for every record: in = used + excluded", () => {
    expect(set.report.recordsIn).toBe(lines.length);
    expect(set.report.recordsUsed + set.report.recordsExcluded).toBe(set.report.recordsIn);
    expect(set.complaints.map((c) => c.id)).toEqual(["ok1", "<script>alert(1)</script>"]);
  });

  it("names each problem", () => {
    expect(reasons("bad-time")).toEqual(["unparseable-timestamp"]);
    expect(reasons("early")).toEqual(["before-creation"]);
    expect(reasons("order")).toEqual(["escalation-out-of-order"]);
    expect(reasons("late-esc")).toEqual(["escalation-out-of-order"]);
    expect(reasons("chan")).toEqual(["unknown-channel"]);
    expect(reasons("scale")).toEqual(["out-of-range"]);
    expect(reasons("nan")).toEqual(["not-a-number", "not-yes-no"]);
    expect(reasons("ok1")).toEqual(["duplicate-id"]);
    expect(set.report.exclusionCounts["wrong-cell-count"]).toBe(1);
    const issue = set.report.issues.find((i) => i.code === "unknown-channel");
    expect(issue).toMatchObject({ row: 6, line: 7, column: "channel" });
    expect(issue?.message).toContain("pigeon");
  });

  it("keeps markup and formula text as inert data", () => {
    const kept = set.complaints[1];
    expect(kept?.channel).toBe("sms");
    expect(kept?.outcome).toBe('=HYPERLINK("x")');
  });

  it("reads the first record's times and depth", () => {
    const c = set.complaints[0];
    expect(c?.escalations).toEqual([Date.UTC(2024, 2, 1, 10), Date.UTC(2024, 2, 1, 12)]);
    expect(c?.resolved).toBe(Date.UTC(2024, 2, 2, 9));
    expect(c?.stayed).toBe(true);
    expect(c?.satisfactionBefore).toBe(1);
  });

  it("takes a stated scale", async () => {
    const seven = await readComplaintsCsv(file(`${header}\n${lines[6]}\n`), {
      scale: { min: 1, max: 7 },
    });
    expect(seven.report.recordsUsed).toBe(1);
    expect(seven.complaints[0]?.channel).toBe("in-person");
  });

  it("throws for a file without a required column", async () => {
    await expect(readComplaintsCsv(file("id,opened\nx,2024-03-01\n"))).rejects.toMatchObject({
      code: "invalid-input",
    });
  });
});

describe("validateComplaints", () => {
  it("accepts Dates and arrays and rejects unknown fields and bad options", () => {
    const set = validateComplaints([
      {
        id: "a",
        channel: "web",
        opened: new Date(Date.UTC(2024, 0, 1)),
        escalations: [new Date(Date.UTC(2024, 0, 2))],
      },
    ]);
    expect(set.complaints[0]?.escalations).toEqual([Date.UTC(2024, 0, 2)]);
    expect(() =>
      validateComplaints([{ id: "a", channel: "web", opened: "2024-01-01", mood: 1 } as never]),
    ).toThrow(expect.objectContaining({ code: "invalid-input" }));
    expect(() => validateComplaints([], { scale: { min: 5, max: 1 } })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => validateComplaints("x" as never)).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });

  it("excludes a record of the wrong kind without throwing", () => {
    const set = validateComplaints([
      { id: "a", channel: "web", opened: "2024-01-01", satisfaction: {} } as never,
      5 as never,
    ]);
    expect(set.report.recordsExcluded).toBe(2);
    expect(set.report.exclusionCounts).toMatchObject({
      "invalid-complaint": 1,
      "not-an-object": 1,
    });
  });
});
