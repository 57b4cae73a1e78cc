import { expectShape, shapes } from "../_lib/guards";
import type { ReportDocument } from "./document";
import { markdownTable, markdownText } from "./format";
import { formatCellApa } from "./formatApa";
import { type DocumentVisitor, walkDocument } from "./walkDocument";

/**
 * Markdown for each part of a document: every text escaped with `markdownText` (labels from
 * the input such as `<script>` or `=HYPERLINK(…)` stay inert), each block followed by a blank
 * line. Charts are named, not drawn: their Vega-Lite data is in the JSON rendering.
 */
const markdown: DocumentVisitor<string> = {
  title: (text) => [`# ${markdownText(text)}`, ""],
  sectionStart: (section) =>
    section.title === null ? [] : [`## ${markdownText(section.title)}`, ""],
  paragraph: (block) => [markdownText(block.text), ""],
  note: (block) => [markdownText(block.text), ""],
  list: (block) => [...block.items.map((item) => `- ${markdownText(item)}`), ""],
  table: (block, text) => [
    markdownTable(
      block.columns.map((column) => apaHeader(markdownText(column.header))),
      // Label cells may come from the input and are escaped; the other kinds are figures
      // formatted here in APA style (digits, U+2212 minus, brackets, "< .001", "—").
      text.map((row, r) =>
        row.map((cell, c) => {
          const typed = block.rows[r]?.[c];
          return typed === undefined || typed.kind === "label"
            ? markdownText(cell)
            : formatCellApa(typed);
        }),
      ),
      block.columns.map((column) => (column.align === "right" ? "r" : "l")),
    ),
    "",
  ],
  chart: (block) => [
    `Chart: ${markdownText(block.title)} (a Vega-Lite specification in report.json).`,
    "",
  ],
};

/**
 * A column header with its statistical symbol in italics, as APA style sets them (7th ed.,
 * section 6.45): `n`, `N`, `p`, `t`, `d_z` (`*d*_z`; the subscript stays plain, as Markdown
 * has none), `r`, `M`, `SD`, alone or before a space or parenthesis. Greek letters stay upright.
 */
function apaHeader(header: string): string {
  return header.replace(/^(n|N|p|t|r|M|SD)(?=$| |\()/, "*$1*").replace(/^d_z$/, "*d*_z");
}

/**
 * A report document as Markdown for a person: the title, then each section's heading and
 * blocks in order (tables as pipe tables, numbers formatted by their cell type in APA style:
 * a true minus sign U+2212, p-values as ".023" and "< .001", no leading zero for statistics
 * bounded by 1 such as alpha and correlations, statistical symbols in headers in italics).
 * Text from the data is escaped.
 *
 * @param document - From buildGapReport or another layout.
 *
 * @example
 * console.log(renderMarkdown(buildGapReport(dataset, report)));
 */
export function renderMarkdown(document: ReportDocument): string {
  expectShape("renderMarkdown", "document", document, shapes.reportDocument);
  return `${walkDocument(document, markdown).join("\n").trimEnd()}\n`;
}
