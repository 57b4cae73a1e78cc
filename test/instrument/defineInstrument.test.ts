import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { InstrumentSpec } from "../../src/instrument/instrumentSchema";
import { instruments } from "../../src/instrument/instruments";
import { itemsOf } from "../../src/instrument/itemsOf";
import { instrumentJsonSchema } from "../../src/instrument/jsonSchema";

const minimal: InstrumentSpec = {
  id: "quick",
  name: "Quick check",
  scale: { min: 1, max: 5 },
  format: "perception-only",
  dimensions: [{ id: "speed", label: "Speed", items: [{ id: "s1", label: "served quickly" }] }],
};

function issuesOf(spec: unknown): string[] {
  try {
    defineInstrument(spec as InstrumentSpec);
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    const servqualError = error as ServqualError;
    expect(servqualError.code).toBe("invalid-instrument");
    return servqualError.issues.map((issue) => issue.message);
  }
  throw new Error("expected defineInstrument to throw");
}

describe("defineInstrument", () => {
  it("fills defaults and freezes the result", () => {
    const instrument = defineInstrument(minimal);
    expect(instrument.scale.step).toBe(1);
    expect(instrument.dimensions[0]?.items[0]?.reverse).toBe(false);
    expect(Object.isFrozen(instrument.dimensions[0]?.items[0])).toBe(true);
  });

  it("does not mutate its input", () => {
    const spec = structuredClone(minimal);
    defineInstrument(spec);
    expect(spec).toEqual(minimal);
  });

  it("lists every problem at once", () => {
    const messages = issuesOf({
      ...minimal,
      scale: { min: 7, max: 1 },
      dimensions: [
        { id: "a", label: "A", items: [{ id: "x", label: "x" }] },
        { id: "a", label: "A again", items: [{ id: "x", label: "x again" }] },
      ],
    });
    expect(messages).toHaveLength(3);
    expect(messages.join("\n")).toMatch(/scale\.min \(7\) must be below scale\.max \(1\)/);
    expect(messages.join("\n")).toMatch(/dimension id "a" is used twice/);
    expect(messages.join("\n")).toMatch(/item id "x" appears in dimension "a" and again in "a"/);
  });

  it("rejects reserved property names as ids", () => {
    const messages = issuesOf({
      ...minimal,
      dimensions: [{ id: "__proto__", label: "P", items: [{ id: "constructor", label: "c" }] }],
    });
    expect(messages).toContain("dimensions.0.id is a reserved JavaScript property name");
    expect(messages).toContain("dimensions.0.items.0.id is a reserved JavaScript property name");
  });

  it("rejects an unknown format, an empty dimension list and a bad step", () => {
    expect(issuesOf({ ...minimal, format: "stars" })[0]).toMatch(/format/);
    expect(issuesOf({ ...minimal, dimensions: [] })[0]).toMatch(/dimensions/);
    expect(issuesOf({ ...minimal, scale: { min: 1, max: 5, step: 3 } })[0]).toMatch(/steps of 3/);
  });

  it("rejects a point label outside the scale", () => {
    const messages = issuesOf({
      ...minimal,
      scale: { min: 1, max: 5, labels: [{ value: 9, label: "nine" }] },
    });
    expect(messages[0]).toMatch(/outside the scale 1\.\.5/);
  });

  it("never leaks a raw zod error for non-object input: invalid-argument naming spec", () => {
    for (const spec of [null, "servqual", undefined]) {
      const error = (() => {
        try {
          defineInstrument(spec as unknown as InstrumentSpec);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).code).toBe("invalid-argument");
      expect((error as ServqualError).issues[0]?.path).toEqual(["spec"]);
    }
  });
});

describe("built-in instruments", () => {
  it.each(Object.entries(instruments))(
    "%s passes its own validation unchanged",
    (_, instrument) => {
      expect(defineInstrument(instrument)).toEqual(instrument);
    },
  );

  it("SERVQUAL-22 maps items 1–4, 5–9, 10–13, 14–17, 18–22 to the five dimensions", () => {
    const byDimension = Object.fromEntries(
      instruments.servqual22.dimensions.map((d) => [d.id, d.items.map((item) => item.id)]),
    );
    expect(byDimension).toEqual({
      tangibles: ["1", "2", "3", "4"],
      reliability: ["5", "6", "7", "8", "9"],
      responsiveness: ["10", "11", "12", "13"],
      assurance: ["14", "15", "16", "17"],
      empathy: ["18", "19", "20", "21", "22"],
    });
    expect(itemsOf(instruments.servqual22).some((item) => item.reverse)).toBe(false);
  });

  it("SERVQUAL-1988 reverse-scores exactly the responsiveness and empathy items", () => {
    const reversed = itemsOf(instruments.servqual1988)
      .filter((item) => item.reverse)
      .map((item) => item.id);
    expect(reversed).toEqual(["10", "11", "12", "13", "18", "19", "20", "21", "22"]);
  });

  it("LibQUAL core has 9 + 8 + 5 items on a 1–9 scale with not-applicable", () => {
    const sizes = instruments.libqualCore22.dimensions.map((d) => d.items.length);
    expect(sizes).toEqual([9, 8, 5]);
    expect(instruments.libqualCore22.scale.max).toBe(9);
    expect(instruments.libqualCore22.scale.notApplicable.length).toBeGreaterThan(0);
  });

  it("SERVPERF and the tolerance form carry the right response formats", () => {
    expect(instruments.servperf22.format).toBe("perception-only");
    expect(instruments.servqual22Tolerance.format).toBe("tolerance");
  });
});

describe("instrumentJsonSchema", () => {
  it("describes the specification as a JSON Schema object with the required fields", () => {
    const schema = instrumentJsonSchema();
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(
      expect.arrayContaining(["id", "name", "scale", "format", "dimensions"]),
    );
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
