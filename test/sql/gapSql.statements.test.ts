/**
 * gapSql's two forms: the one statement `text` and the list `statements` (run one after the
 * other, rows put together) give the same rows and the same Gap 5; a result missing one
 * statement's rows is refused rather than finished with zeros. The staged form (a temporary table
 * of decided answer cells, then the same shares from it) gives the same rows, for numeric and
 * text cells (blank, not-a-number, off the scale, off the step grid), and leaves no table.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { finishGapSql } from "../../src/sql/finishGapSql";
import { gapSql } from "../../src/sql/gapSql";
import type { SqlResultRow } from "../../src/sql/readGapSqlRows";
import { runGapSql } from "../../src/sql/runGapSql";
import { tinyInstrument, tinySpec } from "../gaps/tinySurvey";
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

  it("the staged form gives the same rows, for numeric and text cells, and drops its table", async () => {
    const engine = await duckdbEngine();
    // As text: blanks, a word (not-a-number), 9 (off the scale), 4.5 (off the 1..7 step grid).
    const textRows = [
      ...rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))),
      ["s", " 5 ", "x", "4.5", "6", "", "5", "5", "4", "9", "5"],
    ];
    try {
      for (const [table, cells] of [
        [{ header, rows }, "number"],
        [{ header, rows: textRows }, "text"],
      ] as const) {
        await engine.load("survey", table, cells === "text" ? { text: true } : { textColumns: 1 });
        for (const missing of ["listwise", "pairwise"] as const) {
          const opts = { ...options, cells, missing, invalidAnswers: "exclude-row" as const };
          const built = gapSql(tinyInstrument, opts);
          const run = async (sql: string, parameters: readonly unknown[]) =>
            (
              await engine.connection.runAndReadAll(sql, [...parameters] as never[])
            ).getRowObjectsJS();
          const whole = await run(built.text, built.parameters);
          await run(built.staged.setup.text, built.staged.setup.parameters);
          const staged: SqlResultRow[] = [];
          for (const statement of built.staged.statements) {
            expect(statement.text).not.toContain('"survey"');
            staged.push(...(await run(statement.text, statement.parameters)));
          }
          await run(built.staged.cleanup.text, []);
          expect(canonical(staged)).toEqual(canonical(whole));
          expect(finishGapSql(staged, tinyInstrument, opts)).toEqual(
            finishGapSql(whole, tinyInstrument, opts),
          );
          const viaRun = await runGapSql(engine.connection, tinyInstrument, {
            ...opts,
            staged: true,
          });
          expect(viaRun).toEqual(finishGapSql(whole, tinyInstrument, opts));
          // The default (and `staged: false`) runs the self-contained statements: the same result.
          expect(await runGapSql(engine.connection, tinyInstrument, opts)).toEqual(viaRun);
          expect(
            await runGapSql(engine.connection, tinyInstrument, { ...opts, staged: false }),
          ).toEqual(viaRun);
        }
        const south = finishGapSql(
          await (async () => {
            const built = gapSql(tinyInstrument, { ...options, cells });
            return (
              await engine.connection.runAndReadAll(built.text, [...built.parameters] as never[])
            ).getRowObjectsJS();
          })(),
          tinyInstrument,
          { ...options, cells },
        ).groups.find((g) => g.group.region === "s");
        // Hand count: E_b2 = 9 (row 4) is off the scale; the text row adds E_a2 "x"
        // (not-a-number), E_b1 4.5 (off the step grid) and P_b2 9 (off the scale).
        const rejected = south?.validation.rejectedAnswers ?? [];
        expect(rejected).toContainEqual({ column: "E_b2", code: "out-of-range", count: 1 });
        if (cells === "text") {
          expect(rejected).toContainEqual({ column: "E_a2", code: "not-a-number", count: 1 });
          expect(rejected).toContainEqual({ column: "E_b1", code: "off-scale-step", count: 1 });
          expect(rejected).toContainEqual({ column: "P_b2", code: "out-of-range", count: 1 });
        }
      }
      // No temporary table is left behind.
      const left = await engine.connection.runAndReadAll(
        "SELECT COUNT(*) AS n FROM duckdb_tables() WHERE temporary",
      );
      expect(Number(left.getRowObjectsJS()[0]?.n)).toBe(0);
    } finally {
      await engine.close();
    }
  }, 180_000);

  it("packed cells on a wide scale (0..100 by 0.5), with ids, weights and a reverse-keyed item", async () => {
    // 201 grid points: 8 bits per cell, 3 cells per INTEGER column (1..7 packs 5 per column).
    const wide = defineInstrument({
      ...tinySpec,
      scale: { min: 0, max: 100, step: 0.5 },
      dimensions: tinySpec.dimensions.map((dimension, d) =>
        d === 1
          ? {
              ...dimension,
              items: dimension.items.map((item, i) =>
                i === 2 ? { ...item, reverse: true } : item,
              ),
            }
          : dimension,
      ),
    });
    // 1..7 → 0, 16.5, …, 99 (on the 0.5 grid); 9 → 101 (off the scale); one 3.25 (between steps).
    const wideRows = rows.map((row, r) => [
      `id${r % 5}`, // rows 0 and 5 share an id: a duplicate
      ...row.map((cell, c) =>
        c === 0
          ? cell
          : cell === null
            ? null
            : r === 1 && c === 3
              ? 3.25
              : ((cell as number) - 1) * 16.5,
      ),
      ...(r === 2 ? [null, 40] : [60, 40]),
    ]);
    const engine = await duckdbEngine();
    try {
      await engine.load(
        "survey",
        { header: ["rid", ...header, "W_A", "W_B"], rows: wideRows },
        { textColumns: 2 },
      );
      for (const missing of ["pairwise", { minimumShare: 0.5 }] as const) {
        const opts = {
          ...options,
          id: "rid",
          missing,
          columns: { weight: "W_{dimension}" },
          invalidAnswers: "exclude-row" as const,
        };
        const built = gapSql(wide, opts);
        const run = async (sql: string, parameters: readonly unknown[]) =>
          (
            await engine.connection.runAndReadAll(sql, [...parameters] as never[])
          ).getRowObjectsJS();
        const whole = await run(built.text, built.parameters);
        await run(built.staged.setup.text, built.staged.setup.parameters);
        expect(built.staged.setup.text).toContain("AS pk1");
        expect(built.staged.setup.text).not.toContain("AS pk4"); // 10 cells, 3 per column
        const staged: SqlResultRow[] = [];
        for (const statement of built.staged.statements) {
          staged.push(...(await run(statement.text, statement.parameters)));
        }
        await run(built.staged.cleanup.text, []);
        expect(canonical(staged)).toEqual(canonical(whole));
        const result = finishGapSql(whole, wide, opts);
        // Hand count: 6 rows in, by region n 3 and s 3; the duplicate id (rows 0 and 5) and the
        // rejected answers (rows 1 and 3) exclude rows.
        const inRows = result.groups.reduce((n, g) => n + g.validation.rowsIn, 0);
        expect(inRows).toBe(6);
        for (const group of result.groups) {
          const v = group.validation;
          expect(v.rowsUsed + v.rowsExcluded).toBe(v.rowsIn);
        }
        // Groups come back in the engine's order: compare them by region.
        const byRegion = (r: typeof result) =>
          [...r.groups].sort((a, b) =>
            String(a.group.region).localeCompare(String(b.group.region)),
          );
        expect(
          byRegion(await runGapSql(engine.connection, wide, { ...opts, staged: true })),
        ).toEqual(byRegion(result));
        const south = result.groups.find((g) => g.group.region === "s")?.validation;
        // Hand count (region s): row 3 has E_b2 = 101 (off the scale, a rejected answer), row 5
        // no answers and the id of row 0; row 4 is used.
        expect(south?.rowsIn).toBe(3);
        expect(south?.rowsUsed).toBe(1);
      }
    } finally {
      await engine.close();
    }
  }, 180_000);

  it("an answer near a scale point but not on it: runGapSql keeps it as given", async () => {
    const engine = await duckdbEngine();
    try {
      // 5 + 1e-10 is within 1e-9 of the point 5, so it counts, as given (validateResponses).
      const near = rows.map((row, r) => (r === 0 ? ["n", 5 + 1e-10, ...row.slice(2)] : row));
      await engine.load("survey", { header, rows: near }, { textColumns: 1 });
      const built = gapSql(tinyInstrument, options);
      const run = async (sql: string, parameters: readonly unknown[]) =>
        (await engine.connection.runAndReadAll(sql, [...parameters] as never[])).getRowObjectsJS();
      await run(built.staged.setup.text, built.staged.setup.parameters);
      expect(Number((await run(built.staged.inexact.text, []))[0]?.inexact)).toBe(1);
      await run(built.staged.cleanup.text, []);
      const whole = finishGapSql(await run(built.text, built.parameters), tinyInstrument, options);
      expect(
        await runGapSql(engine.connection, tinyInstrument, { ...options, staged: true }),
      ).toEqual(whole);
      await expect(
        runGapSql(engine.connection, tinyInstrument, { ...options, staged: "yes" as never }),
      ).rejects.toMatchObject({ code: "invalid-argument" });
      const a1 = whole.groups.find((g) => g.group.region === "n")?.result.items[0];
      // Hand-worked: E_a1 = 5 + 1e-10, 6, 7 → mean 6 + 1e-10/3 (not 6 exactly).
      expect(a1?.required.mean).not.toBe(6);
      expect(a1?.required.mean).toBeCloseTo(6, 9);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
