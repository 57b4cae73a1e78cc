/** "Did you mean" hints: edit distances (with adjacent transpositions) worked by hand. */
import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "../../src/cli/closest";

describe("closest", () => {
  const options = ["segments", "title", "missing", "id", "date"];

  it.each([
    ["segmnts", "segments"], // one deletion
    ["Segments", "segments"], // case is ignored
    ["titel", "title"], // one transposition (two substitutions would exceed 5 / 3)
    ["misisng", "missing"], // one transposition
    ["ide", "id"], // one insertion
  ])("%s → %s", (typed, expected) => {
    expect(closest(typed, options)).toBe(expected);
  });

  it("offers nothing when more than a third of the name differs", () => {
    expect(closest("zzz", options)).toBeUndefined();
    // kitten → sitting is 3 edits (the textbook example); 7 characters allow 2
    expect(closest("kitten", ["sitting"])).toBeUndefined();
    expect(closest("kitten", ["mitten"])).toBe("mitten");
  });

  it("has no answer without candidates", () => {
    expect(closest("x", [])).toBeUndefined();
  });

  it("didYouMean is a sentence ending or nothing", () => {
    expect(didYouMean("reprot", ["report", "demo"])).toBe("; did you mean report?");
    expect(didYouMean("xyz", ["report", "demo"])).toBe("");
  });
});
