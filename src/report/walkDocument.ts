import { expectShape, shapes } from "../_lib/guards";
import type { ChartSpec } from "./chart";
import type {
  ListBlock,
  NoteBlock,
  ParagraphBlock,
  ReportDocument,
  Section,
  TableBlock,
} from "./document";
import { formatCell } from "./formatCell";

/**
 * What a renderer does with each part of a document. Each method returns the renderer's
 * pieces for that part (lines of Markdown, HTML fragments, CSV files …), in document order.
 */
export interface DocumentVisitor<Piece> {
  /** The document's title, first of all. */
  readonly title: (text: string, document: ReportDocument) => readonly Piece[];
  /** The start of a section (its heading, when it has one). */
  readonly sectionStart: (section: Section) => readonly Piece[];
  readonly sectionEnd?: (section: Section) => readonly Piece[];
  readonly paragraph: (block: ParagraphBlock) => readonly Piece[];
  readonly note: (block: NoteBlock) => readonly Piece[];
  readonly list: (block: ListBlock) => readonly Piece[];
  /**
   * A table, with every cell already formatted as plain text by {@link formatCell} (not yet
   * escaped); the typed cells stay in `block.rows` for renderers that keep raw values.
   */
  readonly table: (block: TableBlock, text: readonly (readonly string[])[]) => readonly Piece[];
  readonly chart: (block: ChartSpec) => readonly Piece[];
}

const VISITOR = {
  what: "a DocumentVisitor (title, sectionStart, paragraph, note, list, table and chart functions)",
  fields: {
    title: "function",
    sectionStart: "function",
    paragraph: "function",
    note: "function",
    list: "function",
    table: "function",
    chart: "function",
  },
} as const;

/**
 * Walks a report document in order (title, then each section's start, blocks and end) and
 * collects what the visitor returns for each part. Every renderer is a visitor, so none of
 * them re-implements the traversal or the cell formatting.
 *
 * @param document - From a layout such as buildGapReport.
 * @param visitor - The renderer's handling of each part.
 * @returns The pieces in document order.
 *
 * @example
 * walkDocument(document, markdownVisitor).join("\n")
 */
export function walkDocument<Piece>(
  document: ReportDocument,
  visitor: DocumentVisitor<Piece>,
): Piece[] {
  expectShape("walkDocument", "document", document, shapes.reportDocument);
  expectShape("walkDocument", "visitor", visitor, VISITOR);
  const out: Piece[] = [...visitor.title(document.title, document)];
  for (const section of document.sections) {
    out.push(...visitor.sectionStart(section));
    for (const block of section.blocks) {
      switch (block.kind) {
        case "paragraph":
          out.push(...visitor.paragraph(block));
          break;
        case "note":
          out.push(...visitor.note(block));
          break;
        case "list":
          out.push(...visitor.list(block));
          break;
        case "table":
          out.push(
            ...visitor.table(
              block,
              block.rows.map((row) => row.map(formatCell)),
            ),
          );
          break;
        case "chart":
          out.push(...visitor.chart(block));
          break;
      }
    }
    if (visitor.sectionEnd !== undefined) out.push(...visitor.sectionEnd(section));
  }
  return out;
}
