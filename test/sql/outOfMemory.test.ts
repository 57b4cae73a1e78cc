/**
 * An engine that runs out of memory is named as such: `runGapSql` (and the other runners, which
 * share its statement runner) throws `invalid-input` with the issue `sql-out-of-memory` instead
 * of a generic `bad-sql-result`, so that a caller (and `servqual report --duckdb`) can tell the
 * user to give DuckDB more memory or fewer threads. Checked on a real DuckDB instance whose
 * memory_limit is too small, and on the error shapes of both drivers.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { firstLine, isOutOfMemory } from "../../src/sql/outOfMemory";
import { type DuckDbConnectionLike, runGapSql } from "../../src/sql/runGapSql";

describe("isOutOfMemory", () => {
  it.each([
    // DuckDB 1.x messages (the first seen with memory_limit = '1MB' on the demo survey).
    ["Out of Memory Error: failed to allocate data of size 8.0 KiB (976.0 KiB/976.5 KiB used)"],
    ["Out of Memory Error: could not allocate block of size 30.5 MiB (0 bytes/976.5 KiB used)"],
    ["IO Error: failed to pin block of size 256.0 KiB"],
  ])("DuckDB: %s", (message) => {
    expect(isOutOfMemory(new Error(message))).toBe(true);
  });

  it("PostgreSQL: SQLSTATE 53200 (out_of_memory), whatever the message's language", () => {
    const error = Object.assign(new Error("mémoire épuisée"), { code: "53200" });
    expect(isOutOfMemory(error)).toBe(true);
  });

  it.each([
    ['Binder Error: Referenced column "E1" not found in FROM clause!'],
    ["Conversion Error: Could not convert string 'six' to DOUBLE"],
    ['relation "survey" does not exist'],
  ])("other errors are not: %s", (message) => {
    expect(isOutOfMemory(new Error(message))).toBe(false);
    expect(isOutOfMemory(Object.assign(new Error(message), { code: "42P01" }))).toBe(false);
    expect(isOutOfMemory(message)).toBe(false);
  });

  it("firstLine drops DuckDB's advice in SQL", () => {
    expect(
      firstLine(new Error("Out of Memory Error: x\n\nPossible solutions:\n* SET threads=X")),
    ).toBe("Out of Memory Error: x");
    expect(firstLine("plain")).toBe("plain");
  });
});

describe("runGapSql on a DuckDB instance with too little memory", () => {
  it("throws invalid-input with the issue sql-out-of-memory (not bad-sql-result)", async () => {
    const instance = await DuckDBInstance.create(":memory:", { memory_limit: "1MB" });
    const duck = await instance.connect();
    const columns = Array.from({ length: 22 }, (_, i) =>
      ["E", "P"]
        .map((f) => `CAST(1 + hash(i, ${i}, '${f}') % 7 AS DOUBLE) AS ${f}${i + 1}`)
        .join(", "),
    ).join(", ");
    await duck.run(`CREATE VIEW survey AS SELECT ${columns} FROM range(5000) t(i)`);
    const connection = duck as unknown as DuckDbConnectionLike;
    const error = await runGapSql(connection, instruments.servqual22, {
      table: "survey",
      columns: { expectation: "E{item}", perception: "P{item}" },
    }).catch((caught: unknown) => caught);
    duck.closeSync();
    instance.closeSync();
    expect(error).toBeInstanceOf(ServqualError);
    const { code, issues } = error as ServqualError;
    expect(code).toBe("invalid-input");
    expect(issues.map((issue) => issue.code)).toEqual(["sql-out-of-memory"]);
    expect(issues[0]?.message).toMatch(/^duckdb: Out of Memory Error: /);
    expect(issues[0]?.message).not.toContain("Possible solutions");
  }, 120_000);
});
