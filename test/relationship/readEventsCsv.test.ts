import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { relationshipFeatures, validateEvents } from "../../src/index";
import { fastEventLines } from "../../src/io/readEventsCsv";
import { readEventsCsv } from "../../src/node";

const scratch = mkdtempSync(join(tmpdir(), "servqual-events-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  fastEventLines.enabled = true;
});

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

async function rejection(call: Promise<unknown>): Promise<ServqualError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    return error as ServqualError;
  }
  throw new Error("did not reject");
}

describe("readEventsCsv", () => {
  it("names the line of every issue: CRLF, a quoted line break, an empty line", async () => {
    const path = file(
      "lines.csv",
      [
        "id,customer,timestamp,type,value,currency,product",
        'e1,c1,2024-01-05,purchase,10,EUR,"two\r\nlines"', // lines 2–3
        "", // line 4
        "e2,c1,2024-13-05,purchase,10,EUR,p", // line 5: bad timestamp
        "e3,c1,2024-01-06,purchase", // line 6: fewer cells than the header: ragged
        "e4,c2", // line 7: ragged
        "e1,c1,2024-01-05,purchase,10,EUR,p", // line 8: duplicate
        "e5,c2,2024-01-07,gift,,,", // line 9: unknown type
      ].join("\r\n"),
    );
    const { events, report } = await readEventsCsv(path);
    expect(report.eventsIn).toBe(6);
    expect(report.eventsUsed).toBe(1);
    expect(report.eventsExcluded).toBe(5);
    expect(events.products).toEqual(["two\r\nlines"]);
    const lines = Object.fromEntries(report.issues.map((issue) => [issue.code, issue.line]));
    expect(lines).toMatchObject({
      "bad-timestamp": 5,
      "duplicate-event": 8,
      "unknown-event-type": 9,
    });
    expect(
      report.issues.filter((issue) => issue.code === "ragged-row").map((issue) => issue.line),
    ).toEqual([6, 7]);
    expect(report.excludedRows.map((row) => [row.line, row.row])).toEqual([
      [5, 2],
      [6, 3],
      [7, 4],
      [8, 5],
      [9, 6],
    ]);
    expect(report.issueCounts["no-events"]).toBe(1); // c2: only excluded events
    expect(Array.from(events.source)).toEqual([2]);
  });

  it("reads renamed columns and ignores others; streams a file larger than one read", async () => {
    const rows = ["note,event_id,client,when,kind,amount"];
    const records = [];
    for (let i = 0; i < 30_000; i++) {
      const customer = `c${i % 997}`;
      const day = String(1 + (i % 28)).padStart(2, "0");
      const month = String(1 + (i % 12)).padStart(2, "0");
      const type = i % 5 === 0 ? "complaint" : "purchase";
      rows.push(
        `${i % 100 === 0 ? '"a, ""quoted"" note"' : "x"},ev${i},${customer},2023-${month}-${day}T10:00:00Z,${type},${i % 7}`,
      );
      records.push({
        id: `ev${i}`,
        customer,
        timestamp: `2023-${month}-${day}T10:00:00Z`,
        type,
        value: i % 7,
      });
    }
    const path = file("large.csv", `${rows.join("\n")}\n`);
    const { events, report } = await readEventsCsv(path, {
      columns: {
        id: "event_id",
        customer: "client",
        timestamp: "when",
        type: "kind",
        value: "amount",
      },
    });
    expect(report.eventsIn).toBe(30_000);
    expect(report.eventsExcluded).toBe(0);
    const direct = validateEvents(records).events;
    const asOf = "2024-01-01";
    expect(relationshipFeatures(events, { asOf })).toEqual(relationshipFeatures(direct, { asOf }));
  });

  it("rejects a missing column, an empty file, a missing file and bad options", async () => {
    const noType = await rejection(
      readEventsCsv(file("notype.csv", "id,customer,timestamp\ne1,c1,2024-01-01\n")),
    );
    expect(noType.code).toBe("invalid-input");
    expect(noType.issues).toEqual([
      expect.objectContaining({ code: "missing-event-column", column: "type" }),
    ]);
    expect((await rejection(readEventsCsv(file("empty.csv", "")))).code).toBe("empty-input");
    expect(
      (await rejection(readEventsCsv(file("header.csv", "id,customer,timestamp,type\n")))).code,
    ).toBe("empty-input");
    const missing = await rejection(readEventsCsv(join(scratch, "nope.csv")));
    expect(missing.issues[0]?.code).toBe("file-not-found");
    expect((await rejection(readEventsCsv(scratch))).issues[0]?.code).toBe("not-a-file");
    expect(
      (await rejection(readEventsCsv(file("x.csv", "id\n"), { columns: { colour: "c" } as never })))
        .code,
    ).toBe("invalid-options");
    expect((await rejection(readEventsCsv(file("y.csv", "id\n"), { delimiter: "x" }))).code).toBe(
      "invalid-options",
    );
    expect((await rejection(readEventsCsv(42 as never))).code).toBe("invalid-argument");
    const allBad = await rejection(
      readEventsCsv(file("bad.csv", "id,customer,timestamp,type\ne1,c1,never,purchase\n")),
    );
    expect(allBad.code).toBe("no-usable-rows");
  });

  it("excludes a row with more or fewer cells than the header, on both paths", async () => {
    const path = file(
      "cells.csv",
      [
        "id,customer,timestamp,type,product,value,note", // 7 columns
        "e1,c1,2024-01-05,purchase,Pack, 3,10,x", // line 2: 8 cells (a comma in the product)
        "e2,c1,2024-01-06,purchase,P,4,n", // line 3: used
        "", // line 4: blank, skipped
        "e3,c1,2024-01-07,purchase,P,5,n,", // line 5: a trailing delimiter, 8 cells
        "e4,c1,2024-01-08,purchase,P,6", // line 6: 6 cells (every field there, the note not)
        "e5,c2,2024-01-09,purchase,,,", // line 7: used, 7 cells
        "e6", // line 8: 1 cell
        "",
      ].join("\n"),
    );
    for (const fast of [true, false]) {
      fastEventLines.enabled = fast;
      const { events, report } = await readEventsCsv(path, { asOf: "2025-01-01" });
      expect(report.eventsIn).toBe(6);
      expect(report.eventsUsed).toBe(2);
      expect(report.eventsExcluded).toBe(4);
      expect(report.eventsIn).toBe(report.eventsUsed + report.eventsExcluded);
      expect(report.exclusionCounts).toEqual({ "wrong-cell-count": 4 });
      expect(report.issueCounts["ragged-row"]).toBe(4);
      expect(report.excludedRows.map((row) => [row.line, row.row])).toEqual([
        [2, 1],
        [5, 3],
        [6, 4],
        [8, 6],
      ]);
      const messages = report.issues
        .filter((issue) => issue.code === "ragged-row")
        .map((issue) => issue.message);
      expect(messages[0]).toMatch(/has 8 cells but the header has 7 columns/);
      expect(messages[2]).toMatch(/has 6 cells but the header has 7 columns/);
      expect(messages[3]).toMatch(/has 1 cells but the header has 7 columns/);
      // e2 (line 3, value 4) and e5 (line 7, no value) are the events: e1's shifted 3 is not read.
      expect(Array.from(events.source)).toEqual([3, 7]);
      expect(Array.from(events.value)).toEqual([4, Number.NaN]);
    }
  });

  it("refuses a header that names an event column twice, naming both positions", async () => {
    const twice = await rejection(
      readEventsCsv(
        file("twice.csv", "id,customer,timestamp,type,value, type\ne1,c1,2024-01-05,a,1,b\n"),
      ),
    );
    expect(twice.code).toBe("invalid-input");
    expect(twice.issues).toEqual([
      expect.objectContaining({ code: "duplicate-column", column: "type", line: 1 }),
    ]);
    expect(twice.issues[0]?.message).toMatch(/columns 4 and 6/);
    // A renamed column counts by its header name; the issue names the header's real line.
    const renamed = await rejection(
      readEventsCsv(file("renamed.csv", "\n\nkind,id,customer,timestamp,kind\ne1,c1,x,y,z\n"), {
        columns: { type: "kind" },
      }),
    );
    expect(renamed.issues).toEqual([
      expect.objectContaining({ code: "duplicate-column", column: "kind", line: 3 }),
    ]);
    expect(renamed.issues[0]?.message).toMatch(/columns 1 and 5/);
    const thrice = await rejection(
      readEventsCsv(file("thrice.csv", "id,id,customer,timestamp,type,id\ne1,e1,c1,x,y,e1\n")),
    );
    expect(thrice.issues[0]?.message).toMatch(/columns 1, 2 and 6/);
    // Two columns no event field reads are ignored, as every other such column.
    const notes = file(
      "notes.csv",
      "note,id,customer,timestamp,type,note\na,e1,c1,2024-01-05,purchase,b\n",
    );
    expect((await readEventsCsv(notes, { asOf: "2025-01-01" })).report.eventsUsed).toBe(1);
  });

  it("names the header's own line and a near-miss name when a column is missing", async () => {
    // Blank lines before the header: it is on line 3 (CRLF file).
    const late = await rejection(
      readEventsCsv(
        file("late.csv", "\r\n\r\nID,customer,timestamp,Type\r\ne1,c1,2024-01-05,purchase\r\n"),
      ),
    );
    expect(late.code).toBe("invalid-input");
    expect(late.issues.map((issue) => [issue.code, issue.column, issue.line])).toEqual([
      ["missing-event-column", "id", 3],
      ["missing-event-column", "type", 3],
    ]);
    // Names are matched exactly (as the survey reader does); the message suggests the near miss.
    expect(late.issues[0]?.message).toMatch(/did you mean 'ID'\?/);
    expect(late.issues[1]?.message).toMatch(/did you mean 'Type'\?/);
    // A typo is suggested; a name that is not a near miss is not.
    const typo = await rejection(
      readEventsCsv(
        file("typo.csv", "event_id,custmer,timestamp,type\ne1,c1,2024-01-05,purchase\n"),
      ),
    );
    expect(typo.issues.map((issue) => issue.column)).toEqual(["id", "customer"]);
    expect(typo.issues[0]?.message).not.toMatch(/did you mean/);
    expect(typo.issues[1]?.message).toMatch(/did you mean 'custmer'\?/);
    // A header without data rows is reported on its own line too.
    const bare = await rejection(
      readEventsCsv(file("bare.csv", "\n\nid,customer,timestamp,type\n")),
    );
    expect(bare.code).toBe("empty-input");
    expect(bare.issues[0]?.line).toBe(3);
  });

  it("reads a digits-only timestamp as a bad timestamp, not as epoch milliseconds", async () => {
    const path = file(
      "digits.csv",
      [
        "id,customer,timestamp,type",
        "e1,c1,20240105,purchase", // line 2
        "e2,c1,1704412800000,purchase", // line 3
        "e3,c1,2024-01-05,purchase", // line 4
        "",
      ].join("\n"),
    );
    for (const fast of [true, false]) {
      fastEventLines.enabled = fast;
      const { events, report } = await readEventsCsv(path, { asOf: "2025-01-01" });
      expect(report.exclusionCounts).toEqual({ "bad-timestamp": 2 });
      expect(report.excludedRows.map((row) => row.line)).toEqual([2, 3]);
      expect(Array.from(events.time)).toEqual([Date.UTC(2024, 0, 5)]);
    }
  });
});
