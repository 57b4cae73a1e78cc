import type { Cell } from "./cells";
import type { ChartSpec } from "./chart";

/** A paragraph of text (escaped by every renderer). */
export interface ParagraphBlock {
  readonly kind: "paragraph";
  readonly text: string;
}

/** A note explaining a table or figure: a formula, a method, a reference. */
export interface NoteBlock {
  readonly kind: "note";
  readonly text: string;
}

/** A bulleted list (facts about the data, warnings). */
export interface ListBlock {
  readonly kind: "list";
  readonly items: readonly string[];
}

/** A column of a table: its header and how its cells align. */
export interface TableColumn {
  readonly header: string;
  readonly align: "left" | "right";
}

/** A table of typed cells: one cell per column in every row. */
export interface TableBlock {
  readonly kind: "table";
  /** Stable identifier within the document (e.g. `dimensions`), for CSV file names and links. */
  readonly id: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

/** One block of a section. */
export type Block = ParagraphBlock | NoteBlock | ListBlock | TableBlock | ChartSpec;

/** A section: a heading (none for the opening facts) and its blocks in order. */
export interface Section {
  /** Stable identifier within the document (e.g. `overall`, `data-quality`). */
  readonly id: string;
  readonly title: string | null;
  readonly blocks: readonly Block[];
}

/**
 * A report document: what a report shows, laid out but not yet rendered. A layout (such as
 * {@link layoutGapReport}) makes it from analysis results; renderers (renderMarkdown,
 * renderJson) walk it with {@link walkDocument}. Plain data: the same results give
 * byte-identical JSON. `results` keeps the full results the document was laid out from.
 */
export interface ReportDocument<Results extends object = object> {
  readonly kind: "servqual-report-document";
  readonly version: 1;
  /** Which layout made it (e.g. `gap-report`). */
  readonly layout: string;
  readonly title: string;
  readonly sections: readonly Section[];
  readonly results: Results;
}
