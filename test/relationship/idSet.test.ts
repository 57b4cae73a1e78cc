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

  it("addBytes answers as add of the decoded id, for ids of any prefix and digits", () => {
    // A small pool, so that ids meet again: the same number with and without leading zeros,
    // the bitmap's edge (2^28 = 268435456), the 9-digit limit, other and non-ASCII prefixes.
    const numbers = ["0", "1", "01", "001", "10", "7", "07", "268435455", "268435456"];
    const pool = ["e", "E", "ev-", "", "é"].flatMap((prefix) =>
      [...numbers, "999999999", "0999999999", "1000000000"].map((n) => `${prefix}${n}`),
    );
    const id = fc.constantFrom(...pool.filter((text) => text.length > 0), "e", "x-1");
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { maxLength: 200 }), (list) => {
        const ids = new IdSet();
        const reference = new Set<string>();
        for (const [x, asBytes] of list) {
          // The id inside a longer line, as a reader sees it.
          const line = encoder.encode(`a,${x},b`);
          const added = asBytes ? ids.addBytes(line, 2, line.length - 2) : ids.add(x);
          expect(added, x).toBe(!reference.has(x));
          reference.add(x);
        }
      }),
    );
  });
});
