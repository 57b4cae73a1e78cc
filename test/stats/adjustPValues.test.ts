import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { adjustPValues, type PAdjustMethod } from "../../src/stats/adjustPValues";
import { expectClose, refPAdjust } from "./kiosk";

const METHODS: PAdjustMethod[] = ["holm", "hochberg", "bonferroni", "BH", "BY"];

describe("adjustPValues", () => {
  it("matches p.adjust(p, 'holm') and p.adjust(p, 'BH') for the four kiosk families", () => {
    for (const family of [
      "items_t_test",
      "items_wilcoxon",
      "dimensions_t_test",
      "dimensions_wilcoxon_on_integer_sums",
    ]) {
      const block = refPAdjust(family);
      const names = Object.keys(block.raw);
      const raw = names.map((name) => block.raw[name] as number);
      for (const method of ["holm", "BH"] as const) {
        const result = adjustPValues(raw, method);
        expect(result.m).toBe(names.length);
        names.forEach((name, i) => {
          expectClose(result.adjusted[i], block[method][name], 1e-9);
        });
      }
    }
  });

  // Hand-worked example, m = 4 (positions 1 and 4 are missing and not counted):
  // p = (0.01, –, 0.04, 0.03, –, 0.005); ascending: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4).
  // bonferroni: 4p → 0.04, 0.16, 0.12, 0.02.
  // holm (step-down, ranks 1→4): (4,3,2,1)·p = 0.02, 0.03, 0.06, 0.04; cummax → 0.02, 0.03, 0.06, 0.06.
  // hochberg (step-up, ranks 4→1): (1,2,3,4)·p = 0.04, 0.06, 0.03, 0.02; cummin → 0.04, 0.04, 0.03, 0.02.
  // BH (step-up): (4/i)·p = 0.04, (4/3)·0.03 = 0.04, 2·0.01 = 0.02, 4·0.005 = 0.02; cummin same.
  // BY: BH × q, q = 1 + 1/2 + 1/3 + 1/4 = 25/12 → 0.083333, 0.083333, 0.041667, 0.041667.
  // R 4.2.2: p.adjust(c(0.01, NA, 0.04, 0.03, NA, 0.005), m) gives the same numbers.
  const p = [0.01, null, 0.04, 0.03, Number.NaN, 0.005];
  const expected: Record<PAdjustMethod, (number | null)[]> = {
    bonferroni: [0.04, null, 0.16, 0.12, null, 0.02],
    holm: [0.03, null, 0.06, 0.06, null, 0.02],
    hochberg: [0.03, null, 0.04, 0.04, null, 0.02],
    BH: [0.02, null, 0.04, 0.04, null, 0.02],
    BY: [0.05 / 1.2, null, 0.1 / 1.2, 0.1 / 1.2, null, 0.05 / 1.2],
  };

  for (const method of METHODS) {
    it(`gives the hand-worked ${method} values, nulls kept and not counted`, () => {
      const result = adjustPValues(p, method);
      expect(result.m).toBe(4);
      result.adjusted.forEach((value, i) => {
        const want = expected[method][i];
        if (want === null || want === undefined) expect(value).toBeNull();
        else expectClose(value, want, 1e-12);
      });
      expect(result.entries.map((entry) => entry.rank)).toEqual([2, null, 4, 3, null, 1]);
      expect(result.entries[4]).toEqual({ index: 4, p: null, adjusted: null, rank: null });
    });
  }

  it("names the direction the method walks", () => {
    expect(adjustPValues([0.1, 0.2], "holm").direction).toBe("step-down");
    expect(adjustPValues([0.1, 0.2], "BH").direction).toBe("step-up");
    expect(adjustPValues([0.1, 0.2], "bonferroni").direction).toBe("single-step");
  });

  it("returns a single p unchanged and handles an empty input", () => {
    expect(adjustPValues([0.02], "bonferroni").adjusted).toEqual([0.02]);
    expect(adjustPValues([null, 0.02], "BY").adjusted).toEqual([null, 0.02]);
    expect(adjustPValues([], "holm")).toMatchObject({ m: 0, entries: [], adjusted: [] });
  });

  it("gives tied p-values equal adjusted values", () => {
    const result = adjustPValues([0.02, 0.02, 0.5], "BH");
    expect(result.adjusted[0]).toBe(result.adjusted[1]);
    expect(result.entries.map((e) => e.rank)).toEqual([1, 2, 3]);
  });

  it("adjusted ≥ raw, within [0, 1], and order-preserving (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)), {
          maxLength: 40,
        }),
        fc.constantFrom(...METHODS),
        (values, method) => {
          const result = adjustPValues(values, method);
          for (const entry of result.entries) {
            if (entry.p === null) {
              expect(entry.adjusted).toBeNull();
              continue;
            }
            const adjusted = entry.adjusted as number;
            expect(adjusted).toBeGreaterThanOrEqual(entry.p);
            expect(adjusted).toBeLessThanOrEqual(1);
            for (const other of result.entries) {
              if (other.p !== null && other.p <= entry.p) {
                expect(other.adjusted as number).toBeLessThanOrEqual(adjusted);
              }
            }
          }
        },
      ),
    );
  });

  it("throws a ServqualError for p outside [0, 1], Infinity and an unknown method", () => {
    expect(() => adjustPValues([0.1, 1.2], "holm")).toThrow(ServqualError);
    expect(() => adjustPValues([0.1, -0.1], "holm")).toThrow(ServqualError);
    expect(() => adjustPValues([0.1, Number.POSITIVE_INFINITY], "BH")).toThrow(ServqualError);
    expect(() => adjustPValues([0.1], "fdr" as PAdjustMethod)).toThrow(ServqualError);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze([0.3, 0.01, 0.2]);
    adjustPValues(input, "hochberg");
    expect(input).toEqual([0.3, 0.01, 0.2]);
  });
});
