import { expectShape, shapes } from "../_lib/guards";
import type { ReportDocument } from "./document";
import { markdownTable, markdownText } from "./format";
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
      block.columns.map((column) => markdownText(column.header)),
      // Label cells may come from the input and are escaped; the other kinds are figures the
      // library formatted itself (digits, signs, brackets, "<0.001", "—") and stay as they are.
      text.map((row, r) =>
        row.map((cell, c) => (block.rows[r]?.[c]?.kind === "label" ? markdownText(cell) : cell)),
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
 * A report document as Markdown for a person: the title, then each section's heading and
 * blocks in order (tables as pipe tables, numbers formatted by their cell type). Text from
 * the data is escaped.
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
