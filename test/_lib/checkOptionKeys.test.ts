import { describe, expect, it } from "vitest";
import { checkOptionKeys } from "../../src/_lib/checkOptionKeys";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { servqualErrorOf } from "../responses/helpers";

const KEBAB = /^[a-z]+(-[a-z]+)*$/;
const records = [tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6])];

describe("checkOptionKeys", () => {
  it("passes known keys and undefined, rejects every unknown key with its closest name", () => {
    expect(() => checkOptionKeys("f", { level: 0.9 }, ["level", "alternative"])).not.toThrow();
    expect(() => checkOptionKeys("f", undefined, ["level"])).not.toThrow();
    const error = servqualErrorOf(() =>
      checkOptionKeys("f", { levl: 1, alternativ: "less", level: 0.9 }, ["level", "alternative"]),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ["unknown-option", ["levl"]],
      ["unknown-option", ["alternativ"]],
    ]);
    expect(error.issues[1]?.message).toContain("did you mean 'alternative'?");
  });

  it("ignores inherited keys but not an own __proto__ key", () => {
    const inherited = Object.create({ stray: 1 }) as Record<string, unknown>;
    expect(() => checkOptionKeys("f", inherited, ["level"])).not.toThrow();
    const own = JSON.parse('{"__proto__": 1}') as unknown;
    expect(servqualErrorOf(() => checkOptionKeys("f", own, ["level"])).issues[0]?.path).toEqual([
      "__proto__",
    ]);
  });

  it.each([null, 3, "level", [1]])("options %o are an invalid-argument", (options) => {
    const error = servqualErrorOf(() => checkOptionKeys("f", options, ["level"]));
    expect(error.code).toBe("invalid-argument");
    expect(error.message.startsWith("f: ")).toBe(true);
  });
});

describe("unknown keys inside zod-checked objects", () => {
  it("a nested column-template typo names the nested key and suggests the right one", () => {
    const error = servqualErrorOf(() =>
      validateResponses(records, tinyInstrument, { columns: { perceptions: "P_{item}" } } as never),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      code: "unknown-option",
      path: ["columns", "perceptions"],
    });
    expect(error.issues[0]?.message).toContain("did you mean 'perception'?");
  });

  it("a typo inside the minimum-share policy is found through the union", () => {
    const error = servqualErrorOf(() =>
      validateResponses(records, tinyInstrument, { missing: { minimumshare: 0.5 } } as never),
    );
    const unknown = error.issues.find((i) => i.code === "unknown-option");
    expect(unknown?.path).toEqual(["missing", "minimumshare"]);
    expect(unknown?.message).toContain("did you mean 'minimumShare'?");
  });

  it("typos at every level of an instrument are listed, with kebab-case codes only", () => {
    let caught: unknown;
    try {
      defineInstrument({
        id: "x",
        name: "X",
        scale: { min: 1, max: 5, stepp: 1 },
        format: "perception-only",
        dimension: [],
      } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServqualError);
    const error = caught as ServqualError;
    expect(error.code).toBe("invalid-instrument");
    for (const issue of error.issues) expect(issue.code).toMatch(KEBAB);
    const unknown = error.issues.filter((i) => i.code === "unknown-option");
    expect(unknown.map((i) => i.path)).toEqual([["scale", "stepp"], ["dimension"]]);
    expect(unknown[0]?.message).toContain("did you mean 'step'?");
    expect(unknown[1]?.message).toContain("did you mean 'dimensions'?");
  });
});
