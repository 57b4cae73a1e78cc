/**
 * Bundle sizes of the built package in a browser application (esbuild, minified, as zod's own
 * bundle tests do). Measured last: `welchTTest` alone 9.2 KB with no zod; `gap5` with
 * `validateResponses` 434 KB (425 KB before the @stdlib distributions were bundled into dist/ at build time: each file keeps its own licence notices) (zod ~96 KB, the @stdlib distributions of the reliability and
 * effect-size intervals most of the rest). Before per-module ESM, lazy schemas and the own
 * Student t: 672 KB and 737 KB. The 450 KB bound leaves room for the gap code to grow; a
 * regression such as zod's whole namespace (+360 KB) or @stdlib's t (+100 KB and more) fails it.
 */
import { describe, expect, it } from "vitest";
import { bundleFromDist } from "./bundleFromDist";

const KB = 1000;

function fromPackage(inputs: readonly string[], name: string): string[] {
  return inputs.filter((file) => file.includes(`node_modules/${name}/`));
}

describe("bundle size of the built package", () => {
  it('import { welchTTest } from "servqual": no zod, under 60 KB minified', async () => {
    const bundle = await bundleFromDist(
      'import { welchTTest } from "servqual";\nglobalThis.welchTTest = welchTTest;\n',
    );
    expect(bundle.inputs.some((file) => file.startsWith("dist/"))).toBe(true);
    expect(bundle.inputs.filter((file) => file.startsWith("src/"))).toEqual([]);
    expect(fromPackage(bundle.inputs, "zod")).toEqual([]);
    expect(bundle.text).not.toMatch(/ZodError|\$ZodType/);
    // the t-test does not pull in the chi-square or F machinery (bundled into dist/ at build)
    expect(bundle.inputs.filter((file) => file.includes("@stdlib/"))).toEqual([]);
    expect(bundle.inputs.filter((file) => file.includes("/distributions/stdlib/"))).toEqual([]);
    expect(bundle.bytes).toBeLessThan(60 * KB);
  });

  it('import { gap5, validateResponses } from "servqual": under 450 KB minified (434 KB measured)', async () => {
    const bundle = await bundleFromDist(
      'import { gap5, validateResponses } from "servqual";\n' +
        "globalThis.servqual = { gap5, validateResponses };\n",
    );
    expect(fromPackage(bundle.inputs, "zod").length).toBeGreaterThan(0);
    // papaparse belongs to the Node CSV reader only
    expect(fromPackage(bundle.inputs, "papaparse")).toEqual([]);
    expect(bundle.inputs.filter((file) => file.startsWith("dist/io/"))).toEqual([]);
    expect(bundle.bytes).toBeLessThan(450 * KB);
  });
});
