/**
 * Properties of the SVG charts on arbitrary specifications (fast-check): whatever the values
 * (null, negative, huge, tiny, equal, none at all), the SVG holds no NaN or Infinity, draws
 * exactly one mark per row whose needed values are finite, and escapes every label.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChartSpec, ChartValue } from "../../src/report/chart";
import { chartSvg } from "../../src/report/svg/chartSvg";
import { elementsOf } from "./svgTestHelpers";

const value = fc.oneof(
  fc.constant(null),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
);
const label = fc.oneof(fc.constantFrom("A", "B", "C", '<b a="1">&'), fc.string({ maxLength: 40 }));

const chart = fc
  .record({
    mark: fc.constantFrom("bar", "point", "line", "rect") as fc.Arbitrary<ChartSpec["mark"]>,
    horizontal: fc.boolean(),
    coloured: fc.boolean(),
    rows: fc.array(fc.record({ c: label, g: label, v: value, lo: value, hi: value }), {
      maxLength: 30,
    }),
    rule: fc.option(fc.double({ min: -10, max: 10, noNaN: true }), { nil: null }),
  })
  .map(({ mark, horizontal, coloured, rows, rule }): ChartSpec => {
    const category = { field: "c", type: "nominal" as const, title: "Category" };
    const quantity = { field: "v", type: "quantitative" as const, title: "Value" };
    const rect = mark === "rect";
    return {
      kind: "chart",
      id: "p",
      title: "Property",
      mark,
      x: rect ? category : horizontal && mark === "bar" ? quantity : category,
      y: rect
        ? { field: "g", type: "nominal", title: "Group" }
        : horizontal && mark === "bar"
          ? category
          : quantity,
      color: rect ? quantity : coloured ? { field: "g", type: "nominal", title: "Group" } : null,
      rules: { x: null, y: rule },
      interval: mark === "bar" ? { lower: "lo", upper: "hi", title: "CI" } : null,
      band: mark === "point" ? { lower: "lo", upper: "hi", title: "Band" } : null,
      data: rows as Readonly<Record<string, ChartValue>>[],
    };
  });

const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);

describe("chartSvg on arbitrary specifications", () => {
  it("never writes NaN or Infinity, one mark per drawable row, labels escaped", () => {
    fc.assert(
      fc.property(chart, (spec) => {
        const { svg, marks } = chartSvg(spec, "p");
        expect(svg).not.toMatch(/NaN|Infinity/);
        const drawable = spec.data.filter((row) =>
          spec.mark === "rect" ? finite(row.v) && row.c !== null && row.g !== null : finite(row.v),
        ).length;
        expect(marks).toBe(drawable);
        expect(elementsOf(svg, "mark").length).toBe(drawable);
        // the only "<" are tags: none comes from a label
        expect(svg).not.toContain('<b a="1">');
      }),
      { numRuns: 300 },
    );
  });
});
