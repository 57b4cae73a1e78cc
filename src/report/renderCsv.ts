import { expectShape, shapes } from "../_lib/guards";
import type { Cell } from "./cells";
import { csvNumber, csvText } from "./csvField";
import type { ReportDocument, Section, TableBlock } from "./document";
import { type DocumentVisitor, walkDocument } from "./walkDocument";

/** The header of every CSV rendering. */
export const CSV_COLUMNS = ["section", "level", "id", "statistic", "value"] as const;

/** One data line of the long table, fields already escaped. */
type Line = string;

/**
 * The cells of one table row as (statistic, value) pairs: an interval gives two (`… lower`,
 * `… upper`), a percentage its share in [0, 1] (`… (share)`), every other cell one.
 */
function statistics(header: string, cell: Cell): [string, string][] {
  switch (cell.kind) {
    case "number":
    case "p-value":
    case "count":
      return [[header, csvNumber(cell.value)]];
    case "percent":
      return [[`${header} (share)`, csvNumber(cell.value)]];
    case "interval":
      return [
        [`${header} lower`, csvNumber(cell.lower)],
        [`${header} upper`, csvNumber(cell.upper)],
      ];
    case "label":
      return [[header, cell.text === null ? "" : csvText(cell.text)]];
  }
}

function tableLines(section: Section, block: TableBlock, text: readonly (readonly string[])[]) {
  const lines: Line[] = [];
  const prefix = `${csvText(section.id)},${csvText(block.id)}`;
  block.rows.forEach((row, r) => {
    // The row's key is its first cell as shown (a dimension, an item, a score, a row number).
    const id = csvText(text[r]?.[0] ?? String(r + 1));
    row.forEach((cell, c) => {
      if (c === 0 && row.length > 1) return;
      const header = block.columns[c]?.header ?? `column ${c + 1}`;
      for (const [statistic, value] of statistics(header, cell)) {
        lines.push(`${prefix},${id},${csvText(statistic)},${value}`);
      }
    });
  });
  return lines;
}

function csvVisitor(): DocumentVisitor<Line> {
  let section: Section | null = null;
  return {
    title: (text) => [
      `${csvText("document")},${csvText("title")},1,${csvText("text")},${csvText(text)}`,
    ],
    sectionStart: (s) => {
      section = s;
      return s.title === null
        ? []
        : [`${csvText(s.id)},${csvText("title")},1,${csvText("text")},${csvText(s.title)}`];
    },
    paragraph: () => [],
    note: () => [],
    list: (block) =>
      block.items.map(
        (item, i) =>
          `${csvText(section?.id ?? "")},${csvText("list")},${i + 1},${csvText("text")},${csvText(item)}`,
      ),
    table: (block, text) => (section === null ? [] : tableLines(section, block, text)),
    chart: () => [],
  };
}

/**
 * A report document as one tidy long CSV table (RFC 4180: comma-separated, CRLF line ends,
 * a header line `section,level,id,statistic,value`, UTF-8 without a byte-order mark). Each
 * section's lines are together and carry its id in `section`, so filtering that column gives
 * the section's own table. Lines:
 * - every table cell: `level` = the table's id (`overall`, `dimensions`, `items`, …), `id` =
 *   the row's first cell as shown (the dimension, the item, the score), `statistic` = the
 *   column header, `value` = the raw value at full precision: numbers and p-values as numbers,
 *   a percentage as its share in [0, 1] (`% negative (share)`), an interval as two lines
 *   (`95% CI lower`, `95% CI upper`), a count as an integer, a label as text, null as an
 *   empty field;
 * - the document's title (`document,title`), each section's title (`level` = `title`) and each
 *   list item (`level` = `list`, `id` = its position, `statistic` = `text`): facts and
 *   warnings. Paragraphs, notes and charts are prose or drawn from the tables, so left out.
 *
 * Spreadsheet safety (see csvText): text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading `'` and is quoted; numbers are written as numbers (a
 * negative number is a value, not a formula). Tidy data: Wickham (2014), J. Stat. Softw. 59(10).
 *
 * @param document - From buildGapReport or another layout.
 * @returns The CSV text.
 *
 * @example
 * renderCsv(buildGapReport(dataset, report)).split("\r\n")[0] //=> "section,level,id,statistic,value"
 * // a line: dimensions,dimensions,Reliability,Gap,-1.3125
 */
export function renderCsv(document: ReportDocument): string {
  expectShape("renderCsv", "document", document, shapes.reportDocument);
  const lines = [CSV_COLUMNS.join(","), ...walkDocument(document, csvVisitor())];
  return `${lines.join("\r\n")}\r\n`;
}
