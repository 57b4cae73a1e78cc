import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { formulaLike, holdsMarkup, riskyLabel } from "../../src/_lib/labelRisk";
import { validateEvents } from "../../src/index";
import { fastEventLines, readEventsCsv } from "../../src/io/readEventsCsv";
import { lineBlocks } from "../../src/io/readLineBlocks";

const dir = mkdtempSync(join(tmpdir(), "servqual-event-labels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = { ...lineBlocks };
afterEach(() => {
  Object.assign(lineBlocks, defaults);
  fastEventLines.enabled = true;
});

const HEADER = "id,customer,timestamp,type,value,currency,product,channel,initiator";

/** The label issues of a report as [code, row, line, column]. */
function labelIssues(report: {
  issues: readonly { code: string; row?: number; line?: number; column?: string }[];
}) {
  return report.issues
    .filter((issue) => issue.code === "formula-like-label" || issue.code === "markup-in-label")
    .map((issue) => [issue.code, issue.row, issue.line, issue.column]);
}

describe("the label rule shared by surveys and events", () => {
  it("a formula start that is not a number, or a tag, is a label issue", () => {
    expect(formulaLike('=HYPERLINK("x")')).toBe(true);
    expect(formulaLike("@SUM(1)")).toBe(true);
    expect(formulaLike("+1")).toBe(true); // the number grammar has no leading +
    expect(formulaLike("-x")).toBe(true);
    expect(formulaLike("-5")).toBe(false); // a number
    expect(formulaLike("-.5")).toBe(false);
    expect(formulaLike("a=b")).toBe(false);
    expect(holdsMarkup("<script>")).toBe(true);
    expect(holdsMarkup("x </b>")).toBe(true);
    expect(holdsMarkup("a<1")).toBe(false);
    expect(holdsMarkup("a < 1")).toBe(false);
    expect(riskyLabel("web")).toBe(false);
    expect(riskyLabel("<i>")).toBe(true);
  });
});

describe("events: labels that start like a formula or hold markup are kept, with a warning", () => {
  it("array input: code, row and column per label; every event is kept", () => {
    const { events, report } = validateEvents([
      {
        id: "e1",
        customer: "c1",
        timestamp: "2024-01-01",
        type: "purchase",
        product: '=HYPERLINK("x")',
      },
      { id: "e2", customer: "c2", timestamp: "2024-01-02", type: "inquiry", channel: "<script>" },
      { id: "e3", customer: "@SUM(1)", timestamp: "2024-01-03", type: "purchase" },
      { id: "e4", customer: "c1", timestamp: "2024-01-04", type: "purchase", product: "-5" },
    ]);
    expect(labelIssues(report)).toEqual([
      ["formula-like-label", 1, undefined, "product"],
      ["markup-in-label", 2, undefined, "channel"],
      ["formula-like-label", 3, undefined, "customer"],
    ]);
    expect(report.issueCounts).toEqual({ "formula-like-label": 2, "markup-in-label": 1 });
    expect(report.eventsIn).toBe(4);
    expect(report.eventsUsed).toBe(4);
    expect(report.eventsExcluded).toBe(0);
    // kept as the text it is, never evaluated
    expect(events.products).toEqual(['=HYPERLINK("x")', "-5"]);
    expect(events.channels).toEqual(["<script>"]);
    expect(events.customers).toEqual(["c1", "c2", "@SUM(1)"]);
  });

  it("an event id is checked as a survey's respondent id is; an excluded event gets no label issue", () => {
    const { report } = validateEvents([
      { id: "=e1", customer: "c1", timestamp: "2024-01-01", type: "purchase" },
      { id: "<b>2", customer: "c1", timestamp: "2024-01-02", type: "purchase" },
      { id: -7, customer: "c1", timestamp: "2024-01-03", type: "purchase" },
      // excluded (unknown type): its formula-like product is not reported
      { id: "e4", customer: "c1", timestamp: "2024-01-04", type: "gift", product: "=p" },
      // a duplicate of "=e1": excluded, no second label issue
      { id: "=e1", customer: "c1", timestamp: "2024-01-05", type: "purchase" },
    ]);
    expect(labelIssues(report)).toEqual([
      ["formula-like-label", 1, undefined, "id"],
      ["markup-in-label", 2, undefined, "id"],
    ]);
    expect(report.eventsIn).toBe(5);
    expect(report.eventsUsed).toBe(3);
    expect(report.eventsExcluded).toBe(2);
  });

  it("a label that starts like a formula and holds markup gets both issues", () => {
    const { report } = validateEvents([
      { id: "e1", customer: "c1", timestamp: "2024-01-01", type: "purchase", product: "=<b>x</b>" },
    ]);
    expect(labelIssues(report)).toEqual([
      ["formula-like-label", 1, undefined, "product"],
      ["markup-in-label", 1, undefined, "product"],
    ]);
  });

  it("CSV input: code, row, line and column per label; every event is kept", async () => {
    const path = join(dir, "labels.csv");
    writeFileSync(
      path,
      [
        HEADER,
        'e1,c1,2024-01-01T00:00:00Z,purchase,,,"=HYPERLINK(""x"")",,', // line 2
        "", // an empty line: counted as a line, not a row
        "e2,c2,2024-01-02T00:00:00Z,inquiry,,,,<script>,", // line 4, row 2
        "e3,@SUM(1),2024-01-03T00:00:00Z,purchase,,,,,", // line 5, row 3
        "e4,c1,2024-01-04T00:00:00Z,purchase,,,-5,,", // line 6, row 4
        "",
      ].join("\n"),
    );
    const { events, report } = await readEventsCsv(path, { asOf: "2025-01-01" });
    expect(labelIssues(report)).toEqual([
      ["formula-like-label", 1, 2, "product"],
      ["markup-in-label", 2, 4, "channel"],
      ["formula-like-label", 3, 5, "customer"],
    ]);
    expect(report.eventsIn).toBe(4);
    expect(report.eventsUsed).toBe(4);
    expect(report.eventsExcluded).toBe(0);
    expect(events.products).toEqual(['=HYPERLINK("x")', "-5"]);
  });

  it("CSV input read by the byte fast path (no quotes, several blocks): the same issues", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const time = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
      // rows 101, 201, 301 (lines 102, 202, 302) carry the labels; the rest are clean
      const product = i === 100 ? "=SUM(1)" : i === 300 ? "-5" : `p${i % 3}`;
      const channel = i === 200 ? "<script>" : "web";
      const customer = i === 250 ? "@SUM(1)" : `c${i % 7}`;
      rows.push(`e${i},${customer},${time}Z,purchase,1,EUR,${product},${channel},`);
    }
    const path = join(dir, "fast.csv");
    writeFileSync(path, `${HEADER}\n${rows.join("\n")}\n`);
    Object.assign(lineBlocks, { first: 500, size: 1000 });
    for (const fast of [true, false]) {
      fastEventLines.enabled = fast;
      const { events, report } = await readEventsCsv(path, { asOf: "2025-01-01", threads: 1 });
      expect(labelIssues(report)).toEqual([
        ["formula-like-label", 101, 102, "product"],
        ["markup-in-label", 201, 202, "channel"],
        ["formula-like-label", 251, 252, "customer"],
      ]);
      expect(report.eventsUsed).toBe(400);
      expect(report.eventsExcluded).toBe(0);
      // the usual c0…c6 and the one other id, numbered by first appearance
      expect(events.customers).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "@SUM(1)"]);
    }
  });
});
