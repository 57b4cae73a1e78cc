import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/_lib/closestName";

describe("editDistance (Levenshtein)", () => {
  it.each([
    ["kitten", "sitting", 3], // the textbook example: k→s, e→i, +g
    ["flaw", "lawn", 2], // −f, +n
    ["", "abc", 3],
    ["abc", "", 3],
    ["same", "same", 0],
    ["levl", "level", 1],
    ["missingPolicy", "missing", 6], // six deletions
  ])("d(%s, %s) = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("is a metric bounded by the lengths (property)", () => {
    const word = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const ab = editDistance(a, b);
        expect(ab).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c));
      }),
    );
  });
});

describe("closestName", () => {
  const validation = [
    "columns",
    "rename",
    "missing",
    "invalidAnswers",
    "weights",
    "maxCellLength",
    "issueLimit",
  ];

  it("suggests the option a typo or a longer name came from", () => {
    expect(closestName("missingPolicy", validation)).toBe("missing");
    expect(closestName("column", validation)).toBe("columns");
    expect(closestName("IssueLimit", validation)).toBe("issueLimit");
    expect(closestName("weight", validation)).toBe("weights");
  });

  it("is null without candidates", () => {
    expect(closestName("x", [])).toBeNull();
  });
});
