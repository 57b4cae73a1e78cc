/** A JSON value (what `options` of a provenance record may hold). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * Where a report came from, so that a reader can reproduce it: the library and version, the
 * time of the run, the input file and the SHA-256 of its bytes, the instrument (its id, name
 * and the SHA-256 of its definition), the options the run used and the rows in / used /
 * excluded. Made by `reportProvenance` (servqual/node) and written by renderJson.
 */
export interface ReportProvenance {
  readonly library: { readonly name: "servqual"; readonly version: string };
  /** The time of the run, ISO 8601 in UTC (e.g. `2026-01-31T09:00:00.000Z`). */
  readonly generatedAt: string;
  readonly input: {
    /** The file name as given (null for data that came from memory). */
    readonly file: string | null;
    /** Lower-case hex SHA-256 of the input's bytes (FIPS 180-4). */
    readonly sha256: string | null;
    readonly bytes: number | null;
  };
  readonly instrument: {
    readonly id: string;
    readonly name: string;
    /** SHA-256 of the instrument's definition as canonical JSON (keys sorted, no spaces). */
    readonly sha256: string;
  };
  /** The options of the run (reading and report), as JSON. */
  readonly options: { readonly [key: string]: JsonValue };
  readonly rows: { readonly in: number; readonly used: number; readonly excluded: number };
}

/**
 * JSON with object keys sorted at every level and no spaces, so that equal values give equal
 * text (and equal hashes) whatever order their keys were written in (the idea of RFC 8785,
 * JSON Canonicalization Scheme, for the plain data instruments hold).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) //=> '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
