/**
 * responseRowSchema / responseRowJsonSchema: the zod schema of one wide row accepts a valid row,
 * rejects values off the 1..7 scale, and exports as plain JSON Schema.
 */
import { describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import { responseRowJsonSchema, responseRowSchema } from "../../src/responses/responseSchema";
import { ITEM_IDS, WEIGHT_COLUMNS } from "./helpers";

const servqual22 = instruments.servqual22;

describe("responseRowSchema", () => {
  it("accepts a valid row", () => {
    const schema = responseRowSchema(servqual22);
    const row = {
      respondent_id: "c1",
      date: "2024-05-01",
      E_1: 7,
      P_1: 1,
      E_22: null,
      W_tangibles: 20,
    };
    expect(schema.safeParse(row).success).toBe(true);
    expect(schema.safeParse({ respondent_id: "c1", date: "2024-05-01T10:00:00Z" }).success).toBe(
      true,
    );
  });

  it("rejects an answer outside the scale and names the column", () => {
    const schema = responseRowSchema(servqual22);
    const high = schema.safeParse({ respondent_id: "c1", E_1: 8 });
    expect(high.success).toBe(false);
    expect(high.error?.issues.map((issue) => issue.path)).toEqual([["E_1"]]);
    expect(schema.safeParse({ respondent_id: "c1", P_22: 0 }).success).toBe(false);
  });

  it("rejects a text answer, a bad date, points over 100 and a missing id", () => {
    const schema = responseRowSchema(servqual22);
    expect(schema.safeParse({ respondent_id: "c1", E_1: "7" }).success).toBe(false);
    expect(schema.safeParse({ respondent_id: "c1", date: "2024-02-30" }).success).toBe(false);
    expect(schema.safeParse({ respondent_id: "c1", W_reliability: 101 }).success).toBe(false);
    expect(schema.safeParse({ E_1: 5 }).success).toBe(false);
    expect(schema.safeParse({ respondent_id: "", E_1: 5 }).success).toBe(false);
  });

  it("follows the column templates and the scale of the instrument", () => {
    const schema = responseRowSchema(servqual22, {
      columns: { id: "customer", expectation: "E{item}" },
    });
    expect(schema.safeParse({ customer: "c1", E3: 7 }).success).toBe(true);
    expect(schema.safeParse({ customer: "c1", E3: 9 }).success).toBe(false);
    const libqual = responseRowSchema(instruments.libqualCore22);
    expect(libqual.safeParse({ respondent_id: "s", "DES_AS-1": 9 }).success).toBe(true);
    expect(libqual.safeParse({ respondent_id: "s", "DES_AS-1": 10 }).success).toBe(false);
  });
});

describe("responseRowJsonSchema", () => {
  it("is plain JSON with every column of the instrument", () => {
    const schema = responseRowJsonSchema(servqual22);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.type).toBe("object");
    const properties = schema.properties as Record<string, unknown>;
    const expected = [
      "respondent_id",
      "date",
      ...ITEM_IDS.map((i) => `E_${i}`),
      ...ITEM_IDS.map((i) => `P_${i}`),
      ...WEIGHT_COLUMNS,
    ];
    expect(Object.keys(properties).sort()).toEqual(expected.sort());
    expect(schema.required).toEqual(["respondent_id"]);
  });

  it("bounds each answer by the scale and allows null", () => {
    const properties = responseRowJsonSchema(servqual22).properties as Record<string, unknown>;
    expect(properties.E_1).toEqual({
      anyOf: [{ type: "number", minimum: 1, maximum: 7 }, { type: "null" }],
    });
    expect(properties.W_empathy).toEqual({ type: "number", minimum: 0, maximum: 100 });
  });
});
