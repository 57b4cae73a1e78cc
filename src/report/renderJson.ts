import { expectShape, shapes } from "../_lib/guards";
import type { ReportDocument } from "./document";

/**
 * A report document as JSON text (2-space indent, keys in a fixed order, a final newline):
 * its sections with typed cells and chart specifications, and the full results it was laid
 * out from. The same document always gives byte-identical text; non-finite numbers never
 * occur in documents, so `JSON.parse` gives the document back.
 *
 * @example
 * JSON.parse(renderJson(document)).kind //=> "servqual-report-document"
 */
export function renderJson(document: ReportDocument): string {
  expectShape("renderJson", "document", document, shapes.reportDocument);
  return `${JSON.stringify(document, null, 2)}\n`;
}
