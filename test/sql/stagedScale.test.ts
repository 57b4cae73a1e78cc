/**
 * The SMALLINT guard: the staged form keeps each answer's step index and the gap in steps
 * (−S…S) in SMALLINT cells (at most 32,767), so a scale with 2·S > 32,767 steps is refused
 * when the statements are written. Boundary by arithmetic: S = 16,383 gives 32,766 (kept),
 * S = 16,384 gives 32,768 (refused).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { gapSql } from "../../src/sql/gapSql";
import { runGapSql } from "../../src/sql/runGapSql";
import { duckdbEngine } from "./engines";

/** A one-item expectation–perception instrument on 0…steps in steps of 1. */
function sliderInstrument(steps: number) {
  return defineInstrument({
    id: `slider-${steps}`,
    name: "Slider",
    scale: { min: 0, max: steps },
    format: "expectation-perception",
    dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "one item" }] }],
  });
}

const options = { table: "survey", dialect: "duckdb" as const };

function refusal(run: () => unknown): ServqualError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("expected a ServqualError");
}

describe("SMALLINT guard of the SQL statements", () => {
  it("keeps a scale of 16,383 steps and refuses one of 16,384", () => {
    expect(() => gapSql(sliderInstrument(16_383), options)).not.toThrow();
    const error = refusal(() => gapSql(sliderInstrument(16_384), options));
    expect(error.code).toBe("unsupported");
    expect(error.issues[0]?.code).toBe("too-many-scale-steps");
    expect(error.issues[0]?.message).toContain("16384 steps");
    expect(error.issues[0]?.message).toContain("32767");
  });

  it("refuses a fine decimal step the same way (0…100 in steps of 0.005 is 20,000 steps)", () => {
    const fine = defineInstrument({
      id: "fine",
      name: "Fine slider",
      scale: { min: 0, max: 100, step: 0.005 },
      format: "expectation-perception",
      dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "one item" }] }],
    });
    expect(refusal(() => gapSql(fine, options)).issues[0]?.code).toBe("too-many-scale-steps");
  });

  it("runGapSql refuses before it sends anything to the connection", async () => {
    const sent: string[] = [];
    const connection = {
      runAndReadAll: async (sql: string) => {
        sent.push(sql);
        return { getRowObjectsJS: () => [] };
      },
    };
    await expect(
      runGapSql(connection, sliderInstrument(20_000), { table: "survey", staged: true }),
    ).rejects.toMatchObject({ code: "unsupported" });
    expect(sent).toEqual([]);
  });

  it("at the boundary the staged table holds the extreme steps: gaps of ±16,383 come back exact", async () => {
    const engine = await duckdbEngine();
    try {
      // Gaps P − E: +16,383 and −16,383 and 0; mean 0, by hand.
      await engine.load("survey", {
        header: ["E_1", "P_1"],
        rows: [
          [0, 16_383],
          [16_383, 0],
          [8_000, 8_000],
        ],
      });
      const instrument = sliderInstrument(16_383);
      const { groups } = await runGapSql(engine.connection, instrument, {
        table: "survey",
        staged: true,
        reliability: false,
      });
      const item = groups[0]?.result.items[0];
      expect(item?.gap.mean).toBe(0);
      expect(item?.delivered.mean).toBeCloseTo((16_383 + 8_000) / 3, 9);
      expect(groups[0]?.validation.rowsUsed).toBe(3);
    } finally {
      await engine.close();
    }
  });
});
