import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { invalidArgument } from "../_lib/checkArgument";
import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { canonicalJson, type JsonValue, type ReportProvenance } from "../report/provenance";
import type { ValidationReport } from "../responses/types";
import { VERSION } from "../version";

/** What {@link reportProvenance} records. */
export interface ReportProvenanceInput {
  /** The input file: its name is recorded as given, its bytes are hashed. */
  readonly file?: string;
  readonly instrument: Instrument;
  /** The validation report of the run (rows in / used / excluded). */
  readonly validation: ValidationReport;
  /** The options the run used (plain JSON). */
  readonly options?: { readonly [key: string]: JsonValue };
  /**
   * The time to record: a Date or an ISO 8601 text (default: now). Fix it for byte-identical
   * reports of the same input.
   */
  readonly generatedAt?: Date | string;
}

const INPUT_KEYS = optionNames<ReportProvenanceInput>({
  file: true,
  instrument: true,
  validation: true,
  options: true,
  generatedAt: true,
});

/**
 * The provenance of a report (see ReportProvenance) for renderJson: the library version, the
 * time of the run in UTC, the input file with the SHA-256 (FIPS 180-4) of its bytes, read as a
 * stream, the instrument with the SHA-256 of its canonical JSON, the options and the rows in /
 * used / excluded.
 *
 * @param input - The file, instrument, validation report, options and time.
 * @returns Plain data.
 * @throws {ServqualError} `invalid-argument` for a missing instrument or validation report or
 *   a time that is not a valid date; `invalid-input` (issue `file-not-found` or
 *   `file-not-readable`) when the file cannot be read.
 *
 * @example
 * const provenance = await reportProvenance({ file: "survey.csv", instrument, validation: report,
 *   generatedAt: "2026-01-31T09:00:00Z" });
 * renderJson(document, { provenance });
 */
export async function reportProvenance(input: ReportProvenanceInput): Promise<ReportProvenance> {
  expectKind(
    "reportProvenance",
    "input",
    input,
    "object",
    "an object { instrument, validation, … }",
  );
  checkOptionKeys("reportProvenance", input, INPUT_KEYS, "input");
  expectShape("reportProvenance", "input.instrument", input.instrument, shapes.instrument);
  expectShape("reportProvenance", "input.validation", input.validation, shapes.validationReport);
  if (input.file !== undefined) {
    expectKind("reportProvenance", "input.file", input.file, "string", "a file name");
  }
  if (input.options !== undefined) {
    expectKind("reportProvenance", "input.options", input.options, "object", "plain JSON options");
  }
  const generatedAt = isoTime(input.generatedAt);
  const file = input.file === undefined ? null : await hashFile(input.file);
  const { instrument, validation } = input;
  return {
    library: { name: "servqual", version: VERSION },
    generatedAt,
    input: {
      file: input.file ?? null,
      sha256: file?.sha256 ?? null,
      bytes: file?.bytes ?? null,
    },
    instrument: {
      id: instrument.id,
      name: instrument.name,
      sha256: createHash("sha256").update(canonicalJson(instrument)).digest("hex"),
    },
    options: input.options ?? {},
    rows: { in: validation.rowsIn, used: validation.rowsUsed, excluded: validation.rowsExcluded },
  };
}

function isoTime(time: Date | string | undefined): string {
  const date = time === undefined ? new Date() : time instanceof Date ? time : new Date(time);
  if (
    typeof time === "string" &&
    !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(time)
  ) {
    throw invalidArgument("reportProvenance", "input.generatedAt", "an ISO 8601 time", time);
  }
  if (Number.isNaN(date.getTime())) {
    throw invalidArgument("reportProvenance", "input.generatedAt", "a valid date", time);
  }
  return date.toISOString();
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new ServqualError("invalid-input", `reportProvenance: the file ${path} cannot be read.`, [
      {
        code: code === "ENOENT" ? "file-not-found" : "file-not-readable",
        message: code === "ENOENT" ? `there is no file at ${path}` : String(code ?? error),
      },
    ]);
  }
  return { sha256: hash.digest("hex"), bytes };
}
