/**
 * Names and values never become SQL: a column named `"; DROP TABLE x; --` is one column (group-by
 * and where), a where value holding SQL is a bound value, and the table x is still there.
 */
import { describe, expect, it } from "vitest";
import { gapSql } from "../../src/sql/gapSql";
import { runGapSql } from "../../src/sql/runGapSql";
import { tinyInstrument } from "../gaps/tinySurvey";
import { duckdbEngine } from "./engines";

const EVIL = '"; DROP TABLE x; --';

describe("gapSql and hostile names", () => {
  it("quotes every name and binds every value", () => {
    const { text, parameters } = gapSql(tinyInstrument, {
      table: EVIL,
      dialect: "postgres",
      groupBy: [EVIL],
      where: [{ column: EVIL, op: "=", value: "'; DROP TABLE x; --" }],
    });
    expect(text).toContain('"""; DROP TABLE x; --"');
    expect(text).not.toContain("'; DROP TABLE x; --");
    expect(parameters[0]).toBe("'; DROP TABLE x; --");
  });

  it("runs on DuckDB: the hostile column groups and filters, table x survives", async () => {
    const engine = await duckdbEngine();
    try {
      await engine.run("CREATE TABLE x (a INTEGER)");
      const items = tinyInstrument.dimensions.flatMap((d) => d.items.map((i) => i.id));
      const header = [EVIL, ...items.map((id) => `E_${id}`), ...items.map((id) => `P_${id}`)];
      const rows = [
        ["a", ...items.map(() => 5), ...items.map(() => 4)],
        ["a", ...items.map(() => 6), ...items.map(() => 6)],
        ["b", ...items.map(() => 4), ...items.map(() => 5)],
        ["'; DROP TABLE x; --", ...items.map(() => 7), ...items.map(() => 1)],
      ];
      await engine.load(EVIL, { header, rows }, { textColumns: 1 });
      const { groups } = await runGapSql(engine.connection, tinyInstrument, {
        table: EVIL,
        groupBy: [EVIL],
        where: [{ column: EVIL, op: "<>", value: "'; DROP TABLE x; --" }],
        reliability: false,
      });
      const byGroup = Object.fromEntries(groups.map((g) => [g.group[EVIL], g]));
      expect(Object.keys(byGroup).sort()).toEqual(["a", "b"]);
      expect(byGroup.a?.validation.rowsIn).toBe(2);
      // Group a: gaps −1 and 0 on every item; the overall mean gap is −0.5.
      expect(byGroup.a?.result.overall.unweighted.gap.mean).toBeCloseTo(-0.5, 12);
      expect(byGroup.b?.result.overall.unweighted.gap.mean).toBeCloseTo(1, 12);
      await engine.run("SELECT * FROM x");
    } finally {
      await engine.close();
    }
  }, 120_000);
});
