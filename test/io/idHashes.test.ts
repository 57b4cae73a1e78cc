/**
 * Id fingerprints of the parallel reader: equal ids give equal fingerprints, and two sorted
 * lists meet exactly when the id sets they come from share an id (checked against Set
 * intersection; a false meeting of two different ids has probability about 2⁻⁵³ a pair).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdHashList, idHash, sortedListsMeet } from "../../src/io/idHashes";

function listOf(ids: readonly string[]): Float64Array {
  const list = new IdHashList();
  for (const id of ids) list.add(id);
  return list.sorted();
}

describe("id fingerprints", () => {
  it("are whole numbers below 2^53, equal for equal ids", () => {
    for (const id of ["", "R0001", "respondent-1", "é😀", "a".repeat(10_000)]) {
      const h = idHash(id);
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
      expect(idHash(String(id))).toBe(h);
    }
  });

  it("differ for 200,000 distinct ids of one pattern", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(idHash(`respondent-${i}`));
    expect(seen.size).toBe(200_000);
  });

  it("sorted lists meet exactly when the id sets intersect (property)", () => {
    const ids = fc.array(fc.string({ maxLength: 6 }), { maxLength: 40 });
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        const common = a.some((id) => new Set(b).has(id));
        expect(sortedListsMeet(listOf(a), listOf(b))).toBe(common);
      }),
      { numRuns: 500 },
    );
  });

  it("keep growing past the first buffer and come out sorted", () => {
    const list = new IdHashList();
    for (let i = 0; i < 5000; i++) list.add(`id-${i}`);
    const sorted = list.sorted();
    expect(sorted.length).toBe(5000);
    for (let i = 1; i < sorted.length; i++) {
      expect((sorted[i - 1] as number) <= (sorted[i] as number)).toBe(true);
    }
  });
});
