import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import type { ReportDocument } from "./document";
import type { ReportProvenance } from "./provenance";

/** Options of {@link renderJson}. */
export interface RenderJsonOptions {
  /** Where the report came from (from reportProvenance in servqual/node); written after the title. */
  readonly provenance?: ReportProvenance;
}

const JSON_OPTIONS = optionNames<RenderJsonOptions>({ provenance: true });

const PROVENANCE = {
  what: "a ReportProvenance (from reportProvenance)",
  fields: {
    library: "object",
    generatedAt: "string",
    input: "object",
    instrument: "object",
    options: "object",
    rows: "object",
  },
} as const;

/**
 * A report document as JSON text (2-space indent, keys in a fixed order, a final newline):
 * its sections with typed cells and chart specifications, and the full results it was laid
 * out from; with `provenance`, a `provenance` object after the title (library version, time
 * of the run, input file and SHA-256, instrument, options, rows in / used / excluded). The same
 * document (and provenance) always gives byte-identical text; non-finite numbers never occur
 * in documents, so `JSON.parse` gives the document back.
 *
 * @example
 * JSON.parse(renderJson(document)).kind //=> "servqual-report-document"
 * JSON.parse(renderJson(document, { provenance })).provenance.input.sha256 //=> "9f86d0…"
 */
export function renderJson(document: ReportDocument, options: RenderJsonOptions = {}): string {
  expectShape("renderJson", "document", document, shapes.reportDocument);
  checkOptionKeys("renderJson", options, JSON_OPTIONS);
  const provenance = options?.provenance;
  if (provenance === undefined) return `${JSON.stringify(document, null, 2)}\n`;
  expectShape("renderJson", "options.provenance", provenance, PROVENANCE);
  const { kind, version, layout, title, ...rest } = document;
  return `${JSON.stringify({ kind, version, layout, title, provenance, ...rest }, null, 2)}\n`;
}
