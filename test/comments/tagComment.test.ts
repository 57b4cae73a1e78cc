import { describe, expect, it } from "vitest";
import { tagComment } from "../../src/index";

describe("tagComment", () => {
  it("tags by stems and phrases, several dimensions at once", () => {
    const t = tagComment("I waited 40 minutes for a call-back and the branch was dirty.");
    expect(t.dimensions).toEqual(["tangibles", "responsiveness"]);
    expect(t.matches).toContainEqual({ dimension: "responsiveness", term: "call back" });
    expect(t.matches).toContainEqual({ dimension: "responsiveness", term: "wait*" });
    expect(t.matches).toContainEqual({ dimension: "tangibles", term: "branch*" });
  });

  it("reports a comment that matches nothing", () => {
    const t = tagComment("ok");
    expect(t.dimensions).toEqual([]);
    expect(t.toneLabel).toBe("neutral");
    expect(t.tone).toBe(0);
  });

  it("scores tone with negation inside the clause only (hand-worked)", () => {
    // helpful +1
    expect(tagComment("Staff were helpful").tone).toBe(1);
    // not … helpful → −1
    expect(tagComment("Staff were not very helpful").tone).toBe(-1);
    // didn't (contraction) flips rude → +1
    expect(tagComment("She didn't seem rude").tone).toBe(1);
    // the comma ends the negation: "not" does not reach "friendly" → pos 1, neg 0
    expect(tagComment("Not fast, friendly though").positive).toBe(1);
    expect(tagComment("Not fast, friendly though").negative).toBe(1);
    // "never" alone is negative; before a tone word it flips it
    expect(tagComment("They never called back").tone).toBe(-1);
    expect(tagComment("They were never rude").tone).toBe(1);
    // beyond three words the negation stops: "not" … 4 words … "helpful"
    expect(tagComment("not that they were really helpful").tone).toBe(1);
    // 2 positive, 1 negative → (2 − 1)/3
    expect(tagComment("Great and quick, but the app was slow").tone).toBeCloseTo(1 / 3, 12);
  });

  it("is user-extendable and replaceable", () => {
    expect(tagComment("ring me back please").dimensions).toEqual([]);
    expect(
      tagComment("ring me back please", { lexicon: { responsiveness: ["ring* * back"] } })
        .dimensions,
    ).toEqual([]);
    expect(
      tagComment("rang me back", { lexicon: { responsiveness: ["rang me back"] } }).dimensions,
    ).toEqual(["responsiveness"]);
    const own = tagComment("the mortgage rate", {
      lexicon: { pricing: ["rate*", "mortgage*"] },
      replaceLexicon: true,
    });
    expect(own.dimensions).toEqual(["pricing"]);
  });

  it("treats markup and formulas as words", () => {
    const t = tagComment('<script>alert("slow queue")</script> =HYPERLINK("x")');
    expect(t.dimensions).toEqual(["responsiveness"]);
  });

  it("rejects bad arguments", () => {
    expect(() => tagComment(5 as never)).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => tagComment("x", { lexicon: { a: "b" as never } })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => tagComment("x", { lexicon: { a: ["***"] } })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => tagComment("x", { lexcon: {} } as never)).toThrow(
      expect.objectContaining({ code: "invalid-options" }),
    );
  });
});
