import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  defaultColumnPrefix,
  FACET_NAMES,
  FACETS,
  facetsOf,
  RESPONSE_FORMAT_NAMES,
  RESPONSE_FORMATS,
} from "../../src/instrument/facets";

describe("facet and response-format registry", () => {
  it("gives each format's facets in column order (SERVQUAL, tolerance zones, SERVPERF)", () => {
    expect(facetsOf("expectation-perception")).toEqual(["expectation", "perception"]);
    expect(facetsOf("tolerance")).toEqual(["adequate", "desired", "perception"]);
    expect(facetsOf("perception-only")).toEqual(["perception"]);
  });

  it("gives the documented wide-column prefixes", () => {
    expect(FACET_NAMES.map(defaultColumnPrefix)).toEqual(["E_", "P_", "MIN_", "DES_"]);
  });

  it("lists only registered facets in every format, and perception as the only delivered side", () => {
    for (const format of RESPONSE_FORMAT_NAMES) {
      for (const facet of RESPONSE_FORMATS[format]) expect(FACET_NAMES).toContain(facet);
    }
    expect(FACET_NAMES.filter((f) => FACETS[f].role === "delivered")).toEqual(["perception"]);
  });

  it("has no long-format spelling that names two facets", () => {
    const aliases = FACET_NAMES.flatMap((f) => FACETS[f].aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it("rejects unknown names with invalid-argument", () => {
    for (const call of [
      () => facetsOf("importance" as never),
      () => defaultColumnPrefix("importance" as never),
    ]) {
      expect(call).toThrow(ServqualError);
      try {
        call();
      } catch (error) {
        expect((error as ServqualError).code).toBe("invalid-argument");
      }
    }
  });
});
