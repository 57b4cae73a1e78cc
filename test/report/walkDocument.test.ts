/**
 * walkDocument: one traversal for every renderer. A visitor sees the title, then each
 * section's start, its blocks in order and its end; tables arrive with their cells formatted.
 * toVegaLite: a chart block as a Vega-Lite layer spec.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import type { ChartSpec } from "../../src/report/chart";
import { toVegaLite } from "../../src/report/toVegaLite";
import { type DocumentVisitor, walkDocument } from "../../src/report/walkDocument";
import { handMadeDocument } from "./handMadeDocument";

const trace: DocumentVisitor<string> = {
  title: (text) => [`title:${text}`],
  sectionStart: (section) => [`start:${section.id}`],
  sectionEnd: (section) => [`end:${section.id}`],
  paragraph: () => ["paragraph"],
  note: () => ["note"],
  list: (block) => [`list:${block.items.length}`],
  table: (block, text) => [`table:${block.id}:${text.map((row) => row.join(",")).join(";")}`],
  chart: (block) => [`chart:${block.id}`],
};

describe("walkDocument", () => {
  it("visits every part in document order, tables with formatted cells", () => {
    expect(walkDocument(handMadeDocument, trace)).toEqual([
      "title:Survey <b>Q3</b>",
      "start:about",
      "list:2",
      "end:about",
      "start:scores",
      "table:scores:<script>alert(1)</script>,-0.50,[-3.79, 2.79],<0.001,33.3%,3;a|b\nc_d,—,[—, —],—,—,—",
      "note",
      "chart:gaps",
      "end:scores",
      "start:end",
      "paragraph",
      "end:end",
    ]);
  });

  it("works without a sectionEnd", () => {
    const { sectionEnd: _, ...noEnd } = trace;
    expect(walkDocument(handMadeDocument, noEnd).filter((p) => p.startsWith("end:"))).toEqual([]);
  });

  it("rejects a visitor missing a part", () => {
    const { chart: _, ...noChart } = trace;
    expect(() => walkDocument(handMadeDocument, noChart as never)).toThrow(ServqualError);
  });
});

describe("toVegaLite", () => {
  const chart = handMadeDocument.sections[1]?.blocks[2] as ChartSpec;

  it("gives a layer of the mark and one rule per reference line, with the data rows", () => {
    expect(toVegaLite(chart)).toEqual({
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      title: "Gap by dimension",
      data: {
        values: [
          { dimension: "<script>alert(1)</script>", gap: -0.5 },
          { dimension: "a|b", gap: null },
        ],
      },
      layer: [
        {
          mark: "bar",
          encoding: {
            // sort: null keeps the data order (Vega-Lite sorts a nominal axis otherwise)
            x: { field: "dimension", type: "nominal", title: "Dimension", sort: null },
            y: { field: "gap", type: "quantitative", title: "Gap" },
          },
        },
        { mark: "rule", encoding: { y: { datum: 0, type: "quantitative" } } },
      ],
    });
  });

  it("adds a colour channel and both crosshair rules when given", () => {
    const spec = toVegaLite({
      ...chart,
      mark: "point",
      color: { field: "quadrant", type: "nominal", title: "Quadrant" },
      rules: { x: 1.5, y: 25 },
    }) as { layer: { mark: string; encoding: Record<string, unknown> }[] };
    expect(spec.layer.map((l) => l.mark)).toEqual(["point", "rule", "rule"]);
    expect(spec.layer[0]?.encoding.color).toEqual({
      field: "quadrant",
      type: "nominal",
      title: "Quadrant",
    });
    expect(spec.layer[1]?.encoding).toEqual({ x: { datum: 1.5, type: "quantitative" } });
  });

  it("copies the data, so editing the spec leaves the document as it was", () => {
    const spec = toVegaLite(chart) as { data: { values: Record<string, unknown>[] } };
    (spec.data.values[0] as Record<string, unknown>).gap = 99;
    expect(chart.data[0]?.gap).toBe(-0.5);
  });
});
