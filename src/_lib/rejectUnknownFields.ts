import { ServqualError } from "./ServqualError";

/**
 * Throws when an input record has a field its model does not know, naming the record (1-based)
 * and the valid fields: a misspelt field would otherwise be read as blank. Used by every
 * record validator (delivery records, complaints, comments).
 *
 * @param fn - The public function, named in the message.
 * @param noun - What one record is called ("record", "complaint", "comment").
 * @param raw - The record as given (anything that is not a plain object is left to the caller).
 * @param index - The record's 0-based position in the input.
 * @param fields - The model's fields.
 * @throws {ServqualError} `invalid-input` with one `unknown-option` issue on the record's row.
 * @example
 * rejectUnknownFields("validateComments", "comment", { id: "c1", txt: "…" }, 0, ["id", "text"]);
 * // throws: validateComments: comment 1 has unknown fields. (unknown field(s) txt; valid: id, text)
 */
export function rejectUnknownFields(
  fn: string,
  noun: string,
  raw: Readonly<Record<string, unknown>>,
  index: number,
  fields: readonly string[],
): void {
  const unknown = Object.keys(raw).filter((key) => !fields.includes(key));
  if (unknown.length === 0) return;
  throw new ServqualError("invalid-input", `${fn}: ${noun} ${index + 1} has unknown fields.`, [
    {
      code: "unknown-option",
      message: `unknown field(s) ${unknown.join(", ")}; valid: ${fields.join(", ")}`,
      row: index + 1,
    },
  ]);
}
