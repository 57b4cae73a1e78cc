import { describe, expect, it } from "vitest";
import { lazy } from "../../src/_lib/lazy";
import { instrumentSpecSchema, validationOptionsSchema } from "../../src/index";

describe("lazy", () => {
  it("builds on the first call only and returns the same value afterwards", () => {
    let builds = 0;
    const value = lazy(() => {
      builds += 1;
      return { n: builds };
    });
    expect(builds).toBe(0);
    const first = value();
    expect(value()).toBe(first);
    expect(builds).toBe(1);
    expect(first.n).toBe(1);
  });

  it("keeps a built undefined without building again", () => {
    let builds = 0;
    const value = lazy(() => {
      builds += 1;
      return undefined;
    });
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(builds).toBe(1);
  });

  it("exported schemas are getters that reuse one schema", () => {
    expect(instrumentSpecSchema()).toBe(instrumentSpecSchema());
    expect(validationOptionsSchema().safeParse({ missing: "pairwise" }).success).toBe(true);
    expect(validationOptionsSchema().safeParse({ missing: "sometimes" }).success).toBe(false);
  });
});
