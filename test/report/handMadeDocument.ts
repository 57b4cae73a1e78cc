/** A small report document written by hand: one of each block kind, hostile labels included. */
import { count, intervalCell, label, num, pCell, percentCell } from "../../src/report/cells";
import type { ReportDocument } from "../../src/report/document";

export const handMadeDocument: ReportDocument<{ readonly note: string }> = {
  kind: "servqual-report-document",
  version: 1,
  layout: "hand-made",
  title: "Survey <b>Q3</b>",
  sections: [
    {
      id: "about",
      title: null,
      blocks: [{ kind: "list", items: ['Instrument: =HYPERLINK("http://x","y")', "Rows in: 3"] }],
    },
    {
      id: "scores",
      title: "Scores & gaps",
      blocks: [
        {
          kind: "table",
          id: "scores",
          columns: [
            { header: "Dimension", align: "left" },
            { header: "Gap", align: "right" },
            { header: "95% CI", align: "right" },
            { header: "p", align: "right" },
            { header: "% negative", align: "right" },
            { header: "n", align: "right" },
          ],
          rows: [
            [
              label("<script>alert(1)</script>"),
              num(-0.5),
              intervalCell({ lower: -3.7862, upper: 2.7862 }),
              pCell(0.0004),
              percentCell(1 / 3),
              count(3),
            ],
            [
              label("a|b\nc_d"),
              num(null),
              intervalCell(null),
              pCell(null),
              percentCell(null),
              count(null),
            ],
          ],
        },
        { kind: "note", text: "d_z = mean gap / SD of gaps; _emphasis_ and *stars* stay literal." },
        {
          kind: "chart",
          id: "gaps",
          title: "Gap by dimension",
          mark: "bar",
          x: { field: "dimension", type: "nominal", title: "Dimension" },
          y: { field: "gap", type: "quantitative", title: "Gap" },
          color: null,
          rules: { x: null, y: 0 },
          data: [
            { dimension: "<script>alert(1)</script>", gap: -0.5 },
            { dimension: "a|b", gap: null },
          ],
        },
      ],
    },
    {
      id: "end",
      title: "# Not a heading",
      blocks: [
        { kind: "paragraph", text: "Rows in 3 = used 3 + excluded 0. [link](http://x) &lt;" },
      ],
    },
  ],
  results: { note: "anything the layout was made from" },
};
