import { readFile } from "node:fs/promises";
import type * as Library from "../node";
import { closest } from "./closest";
import type { Servqual } from "./runReport";
import { UsageError } from "./usageError";

const KEYS = ["items", "scale"];
const ITEM_KEYS = ["facet", "reverse"];

/** A JSON value described in a sentence (for error messages). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value}"` : `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads `--trust-items MAP.json`: a user's own relationship instrument for `--trust`, as one JSON
 * object `{"items": {COLUMN: FACET | {"facet": FACET, "reverse": true}}, "scale": {"min": 1,
 * "max": 5}}`. Each survey column is an item of a facet of the built-in bank (trust:
 * benevolence, honesty, reliability, competence; commitment: affective, calculative, normative;
 * satisfaction, mutualGoals, cooperativeNorms), so the indices read it as they read the bank;
 * `reverse` items are recoded as min + max − x; `scale` (default 1–7) is the answers' integer
 * range. The instrument is built with `defineInstrument` and validated like any instrument.
 *
 * @param lib - The library.
 * @param path - The file named by `--trust-items`.
 * @returns The instrument (facets in bank order, items in file order).
 * @throws {UsageError} naming the file and the problem (unreadable, not JSON, unknown key or
 *   facet with the closest name, a bad scale, an item id the instrument rules refuse).
 *
 * @example
 * const instrument = await readTrustItems(lib, "items.json");
 * instrument.dimensions.map((d) => d.id) //=> ["benevolence", "affective"]
 */
export async function readTrustItems(lib: Servqual, path: string): Promise<Library.Instrument> {
  const where = `--trust-items ${path}`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `${where}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(
      `${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return trustInstrument(lib, value, where);
}

/**
 * Checks a parsed `--trust-items` map and builds its instrument (see {@link readTrustItems}).
 *
 * @throws {UsageError} naming `where`, the key and what is expected.
 */
export function trustInstrument(lib: Servqual, value: unknown, where: string): Library.Instrument {
  const example = `{"items": {"Q1": "benevolence", "Q2": {"facet": "honesty", "reverse": true}}, "scale": {"min": 1, "max": 5}}`;
  if (!isObject(value)) throw new UsageError(`${where} must hold a JSON object such as ${example}`);
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key)) {
      const near = closest(key, KEYS);
      throw new UsageError(
        `${where}: unknown key "${key}"${near === undefined ? "" : ` (did you mean "${near}"?)`}; the keys are items and scale`,
      );
    }
  }
  const facets = lib.RELATIONSHIP_FACETS.map((f) => f.id);
  const items = value.items;
  if (!isObject(items) || Object.keys(items).length === 0) {
    throw new UsageError(
      `${where}: "items" must be an object of survey column → facet, such as {"Q1": "benevolence"}, not ${kindOf(items)}`,
    );
  }
  const byFacet = new Map<string, { id: string; label: string; reverse: boolean }[]>();
  for (const [column, spec] of Object.entries(items)) {
    const entry = isObject(spec) ? spec : { facet: spec };
    for (const key of Object.keys(entry)) {
      if (!ITEM_KEYS.includes(key)) {
        throw new UsageError(
          `${where}: items.${column} has an unknown key "${key}"; an item is a facet name or {"facet": …, "reverse": true}`,
        );
      }
    }
    const facet = entry.facet;
    if (typeof facet !== "string" || !facets.includes(facet)) {
      const near = typeof facet === "string" ? closest(facet, facets) : undefined;
      throw new UsageError(
        `${where}: items.${column} names ${kindOf(facet)}, not a facet${near === undefined ? "" : ` (did you mean "${near}"?)`}; the facets are ${facets.join(", ")}`,
      );
    }
    if (entry.reverse !== undefined && typeof entry.reverse !== "boolean") {
      throw new UsageError(`${where}: items.${column}.reverse must be true or false`);
    }
    const list = byFacet.get(facet) ?? [];
    list.push({ id: column, label: column, reverse: entry.reverse === true });
    byFacet.set(facet, list);
  }
  const scale = value.scale ?? { min: 1, max: 7 };
  if (
    !isObject(scale) ||
    Object.keys(scale).some((k) => k !== "min" && k !== "max") ||
    !Number.isInteger(scale.min) ||
    !Number.isInteger(scale.max) ||
    (scale.min as number) >= (scale.max as number)
  ) {
    throw new UsageError(
      `${where}: "scale" must be {"min": m, "max": M} with whole numbers m < M, such as {"min": 1, "max": 5}`,
    );
  }
  const min = scale.min as number;
  const max = scale.max as number;
  try {
    return lib.defineInstrument({
      id: "relationship-items",
      name: `Relationship survey (${where.replace(/^--trust-items /, "")})`,
      scale: {
        min,
        max,
        step: 1,
        labels: [
          { value: min, label: "strongly disagree" },
          { value: max, label: "strongly agree" },
        ],
        notApplicable: [],
      },
      format: "perception-only",
      dimensions: lib.RELATIONSHIP_FACETS.filter((f) => byFacet.has(f.id)).map((f) => ({
        id: f.id,
        label: f.label,
        items: byFacet.get(f.id) ?? [],
      })),
    });
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    const reasons = error.issues.slice(0, 3).map((issue) => lib.describeIssue(issue));
    throw new UsageError(`${where}: not a valid instrument: ${reasons.join("; ")}`);
  }
}
