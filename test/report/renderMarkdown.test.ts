/**
 * renderMarkdown on a hand-made document: the exact text (headings, lists, pipe tables with
 * alignment, notes, charts named), typed cells formatted by kind, and every text from the
 * document escaped so a formula, a script tag, a pipe or a line break in a label stays inert.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { handMadeDocument } from "./handMadeDocument";

describe("renderMarkdown", () => {
  it("renders the hand-made document exactly", () => {
    expect(renderMarkdown(handMadeDocument)).toBe(
      [
        "# Survey &lt;b&gt;Q3&lt;/b&gt;",
        "",
        '- Instrument: =HYPERLINK("http://x","y")',
        "- Rows in: 3",
        "",
        "## Scores & gaps",
        "",
        "| Dimension | Gap | 95% CI | *p* | % negative | *n* |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| &lt;script&gt;alert(1)&lt;/script&gt; | \u22120.50 | [\u22123.79, 2.79] | < .001 | 33.3% | 3 |",
        "| a\\|b c_d | — | [—, —] | — | — | — |",
        "",
        "d_z = mean gap / SD of gaps; \\_emphasis\\_ and \\*stars\\* stay literal.",
        "",
        "Chart: Gap by dimension (a Vega-Lite specification in report.json).",
        "",
        "## \\# Not a heading",
        "",
        "Rows in 3 = used 3 + excluded 0. \\[link\\](http://x) &amp;lt;",
        "",
      ].join("\n"),
    );
  });

  it("keeps every table row at the column count: no pipe or line break from a label splits it", () => {
    const lines = renderMarkdown(handMadeDocument).split("\n");
    const rows = lines.filter((line) => line.startsWith("| "));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      // unescaped pipes: the 7 separators of 6 columns
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
    }
    expect(lines.some((line) => line.includes("<script"))).toBe(false);
  });

  it("rejects a value that is not a document", () => {
    for (const bad of [undefined, {}, { kind: "servqual-gap-report", title: "x" }]) {
      expect(() => renderMarkdown(bad as never)).toThrow(ServqualError);
    }
  });
});
