import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { relationshipFeatures, validateEvents } from "../../src/index";
import { readEventsCsv } from "../../src/node";

const scratch = mkdtempSync(join(tmpdir(), "servqual-events-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
});
