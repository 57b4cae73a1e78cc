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

  it("rejects a not-applicable token that is also a point of the scale, naming it", () => {
    const zeroToSix = { min: 0, max: 6 };
    const zero = issuesOf({ ...minimal, scale: { ...zeroToSix, notApplicable: ["NA", "0"] } });
    expect(zero).toHaveLength(1);
    expect(zero[0]).toMatch(/not-applicable token "0" is also the answer 0 on the scale 0\.\.6/);
    // "7.0" reads as 7 under the number grammar, a point of 1..7; " 3 " is trimmed to 3.
    expect(issuesOf({ ...minimal, scale: { min: 1, max: 7, notApplicable: ["7.0"] } })[0]).toMatch(
      /"7\.0" is also the answer 7/,
    );
    expect(
      issuesOf({ ...minimal, scale: { min: 1, max: 7, notApplicable: [" 3 "] } }),
    ).toHaveLength(1);
    // On a half-point scale 2.5 is a point; on an integer scale it is not.
    const halves = { min: 0, max: 5, step: 0.5 };
    expect(issuesOf({ ...minimal, scale: { ...halves, notApplicable: [".5"] } })[0]).toMatch(/\.5/);
    expect(() =>
      defineInstrument({ ...minimal, scale: { min: 1, max: 7, notApplicable: ["2.5"] } }),
    ).not.toThrow();
  });

  it.each([["99"], ["-9"], ["0"], ["NA"], ["+3"], ["07"]])(
    "accepts the not-applicable token %j on a 1..7 scale (never an answer there)",
    (token) => {
      const instrument = defineInstrument({
        ...minimal,
        scale: { min: 1, max: 7, notApplicable: [token] },
      });
      expect(instrument.scale.notApplicable).toEqual([token]);
    },
  );

  it("the error names the token's place in the specification", () => {
    try {
      defineInstrument({ ...minimal, scale: { min: 0, max: 6, notApplicable: ["x", "6"] } });
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).issues[0]?.path).toEqual(["scale", "notApplicable", 1]);
      expect((error as ServqualError).issues[0]?.code).toBe("not-applicable-on-scale");
      return;
    }
    throw new Error("expected defineInstrument to throw");
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

  it.each(Object.entries(instruments))("%s is frozen all the way down", (_, instrument) => {
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== "object") return;
      expect(Object.isFrozen(value)).toBe(true);
      for (const child of Object.values(value)) walk(child);
    };
    walk(instrument);
  });

  it("cannot be changed by any code: assignments throw in strict mode and change nothing", () => {
    // Test modules are ES modules, so this code runs in strict mode.
    const scale = instruments.servqual22.scale as { max: number };
    expect(() => {
      scale.max = 100;
    }).toThrow(TypeError);
    expect(instruments.servqual22.scale.max).toBe(7);
    const items = instruments.servqual22.dimensions[0]?.items as unknown as { label: string }[];
    expect(() => {
      (items[0] as { label: string }).label = "changed";
    }).toThrow(TypeError);
    expect(() => items.push({ label: "extra" })).toThrow(TypeError);
    expect(instruments.servqual22.dimensions[0]?.items).toHaveLength(4);
    const registry = instruments as Record<string, unknown>;
    expect(() => {
      registry.servqual22 = instruments.servperf22;
    }).toThrow(TypeError);
    expect(instruments.servqual22.id).toBe("servqual-1991");
    // Shared parts (the 7-point scale, the 1991 dimensions) are frozen for every instrument.
    const notApplicable = instruments.libqualCore22.scale.notApplicable as string[];
    expect(() => notApplicable.push("0")).toThrow(TypeError);
    expect(instruments.servqual22Tolerance.scale.notApplicable).toEqual(["N", "N/A", "NA"]);
  });

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
