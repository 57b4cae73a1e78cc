/**
 * The step guard: the staged form packs each answer's step index f (0…S, fault codes −32…−1)
 * as f + 32 into a 31-bit INTEGER, so 33 + S ≤ 2³¹. Boundary by arithmetic: S = 2³¹ − 33 =
 * 2,147,483,615 is kept, S = 2³¹ − 32 refused. Scales finer than the former SMALLINT bound
 * (16,383 steps) run staged and give the same rows as the self-contained statements.
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

describe("step guard of the SQL statements", () => {
  it("keeps a scale of 2^31 − 33 steps and refuses one of 2^31 − 32", () => {
    expect(() => gapSql(sliderInstrument(2_147_483_615), options)).not.toThrow();
    const error = refusal(() => gapSql(sliderInstrument(2_147_483_616), options));
    expect(error.code).toBe("unsupported");
    expect(error.issues[0]?.code).toBe("too-many-scale-steps");
    expect(error.issues[0]?.message).toContain("2147483616 steps");
    expect(error.issues[0]?.message).toContain("at most 2147483615 steps");
  });

  it("keeps scales finer than a SMALLINT holds (0…100 in steps of 0.005 is 20,000 steps)", () => {
    const fine = defineInstrument({
      id: "fine",
      name: "Fine slider",
      scale: { min: 0, max: 100, step: 0.005 },
      format: "expectation-perception",
      dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "one item" }] }],
    });
    expect(() => gapSql(fine, options)).not.toThrow();
    expect(() => gapSql(sliderInstrument(16_384), options)).not.toThrow();
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
      runGapSql(connection, sliderInstrument(2_147_483_616), { table: "survey", staged: true }),
    ).rejects.toMatchObject({ code: "unsupported" });
    expect(sent).toEqual([]);
  });

  it.each([16_383, 20_000, 2_147_483_615])(
    "a scale of %i steps: the staged table holds the extreme steps, gaps of ±S come back exact and as the self-contained statements give them",
    async (steps) => {
      const engine = await duckdbEngine();
      try {
        // Gaps P − E: +S, −S and 0; mean 0, by hand; P mean (S + 0 + h)/3.
        const half = Math.floor(steps / 2);
        await engine.load("survey", {
          header: ["E_1", "P_1"],
          rows: [
            [0, steps],
            [steps, 0],
            [half, half],
          ],
        });
        const instrument = sliderInstrument(steps);
        const run = (staged: boolean) =>
          runGapSql(engine.connection, instrument, { table: "survey", staged, reliability: false });
        const { groups } = await run(true);
        const item = groups[0]?.result.items[0];
        expect(item?.gap.mean).toBe(0);
        const delivered = (steps + half) / 3;
        expect(Math.abs((item?.delivered.mean as number) - delivered) / delivered).toBeLessThan(
          1e-12,
        );
        expect(groups[0]?.validation.rowsUsed).toBe(3);
        expect(groups).toEqual((await run(false)).groups);
      } finally {
        await engine.close();
      }
    },
  );
});
