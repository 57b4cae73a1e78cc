import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdSet } from "../../src/relationship/idSet";

describe("IdSet", () => {
  it("tells ids apart exactly: leading zeros, other prefixes, large numbers", () => {
    const ids = new IdSet();
    for (const id of [
      "e7",
      "e07",
      "e007",
      "E7",
      "7",
      "ev7",
      "e",
      "e4294967296",
      "e123456789012",
      "x-1",
    ]) {
      expect(ids.add(id), id).toBe(true);
    }
    for (const id of ["e7", "e07", "7", "e4294967296", "x-1", "e"])
      expect(ids.add(id), id).toBe(false);
  });

  it("agrees with a Set on any ids", () => {
    const id = fc.oneof(
      fc.nat({ max: 3000 }).map((n) => `e${n}`),
      fc.nat({ max: 50 }).map(String),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (list) => {
        const ids = new IdSet();
        const reference = new Set<string>();
        for (const x of list) {
          expect(ids.add(x)).toBe(!reference.has(x));
          reference.add(x);
        }
      }),
    );
  });
});
