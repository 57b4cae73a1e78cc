/**
 * gapSql's two forms: the one statement `text` and the list `statements` (run one after the
 * other, rows put together) give the same rows and the same Gap 5; a result missing one
 * statement's rows is refused rather than finished with zeros.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { finishGapSql } from "../../src/sql/finishGapSql";
import { gapSql } from "../../src/sql/gapSql";
import type { SqlResultRow } from "../../src/sql/readGapSqlRows";
import { tinyInstrument } from "../gaps/tinySurvey";
import { duckdbEngine } from "./engines";

const ITEMS = ["a1", "a2", "b1", "b2", "b3"];
const header = ["region", ...ITEMS.map((id) => `E_${id}`), ...ITEMS.map((id) => `P_${id}`)];
// E then P for a1 a2 b1 b2 b3; null = missing, 9 = off the scale (a rejected answer).
const rows = [
  ["n", 5, 6, 4, 5, 6, 4, 6, 5, 5, 5],
  ["n", 6, 6, 5, 5, 5, 5, 5, 5, 4, 6],
  ["n", 7, null, 6, 6, 6, 6, 7, 6, null, 5],
  ["s", 4, 5, 3, 9, 4, 5, 5, 4, 4, 4],
  ["s", 3, 4, 5, 5, 5, 2, 4, 5, 6, 4],
  ["s", null, null, null, null, null, null, null, null, null, null],
];

/** Rows as comparable text (group, part, key, sums), sorted. */
function canonical(result: readonly SqlResultRow[]) {
  return result
    .map((row) =>
      JSON.stringify([
        row.g0,
        Number(row.part),
        row.key === null ? null : Number(row.key),
        [...((row.v as { items?: unknown[] }).items ?? (row.v as unknown[]))].map(Number),
      ]),
    )
    .sort();
}

describe("gapSql statements", () => {
  const options = { table: "survey", dialect: "duckdb" as const, groupBy: ["region"] };

  it("one statement per share: validation, scores, histograms, one per dimension", () => {
    const { statements, text, parameters } = gapSql(tinyInstrument, options);
    expect(statements).toHaveLength(5); // two dimensions of 2 and 3 items
    for (const statement of statements) {
      expect(statement.parameters).toEqual(parameters);
      expect(statement.text.length).toBeLessThan(text.length / 2);
    }
    expect(gapSql(tinyInstrument, { ...options, reliability: false }).statements).toHaveLength(3);
  });

  it("the statements' rows are the rows of the one statement, and finish the same", async () => {
    const engine = await duckdbEngine();
    try {
      await engine.load("survey", { header, rows }, { textColumns: 1 });
      const built = gapSql(tinyInstrument, options);
      const run = async (sql: string) =>
        (await engine.connection.runAndReadAll(sql, [...built.parameters])).getRowObjectsJS();
      const whole = await run(built.text);
      const parts: SqlResultRow[][] = [];
      for (const statement of built.statements) parts.push(await run(statement.text));
      expect(canonical(parts.flat())).toEqual(canonical(whole));

      const fromParts = finishGapSql(parts.flat(), tinyInstrument, options);
      const fromWhole = finishGapSql(whole, tinyInstrument, options);
      expect(fromParts).toEqual(fromWhole);
      const north = fromParts.groups.find((g) => g.group.region === "n");
      // a1 gaps P − E: 4−5, 5−6, 6−7 = −1 each (hand-worked).
      expect(north?.result.items.find((i) => i.item === "a1")?.gap.mean).toBe(-1);
      const south = fromParts.groups.find((g) => g.group.region === "s");
      expect(south?.validation.rowsIn).toBe(3);
      expect(south?.validation.rowsExcluded).toBe(1); // the empty row
      expect(south?.validation.rejectedAnswers).toEqual([
        { column: "E_b2", code: "out-of-range", count: 1 },
      ]);

      // Without the last dimension's item sums the result is refused, not finished as zeros.
      const missing = parts.slice(0, -1).flat();
      expect(() => finishGapSql(missing, tinyInstrument, options)).toThrow(ServqualError);
      // The same share twice is refused too.
      expect(() =>
        finishGapSql([...parts.flat(), ...(parts[1] ?? [])], tinyInstrument, options),
      ).toThrow(/twice/);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
