import { expectOneOf } from "../_lib/guards";
import type { Facet, ResponseFormat } from "./types";

/** What one facet is: its default wide-column prefix, label, short name, role and long-format spellings. */
export interface FacetInfo {
  /** Default column prefix in wide input (`E_` → `E_1`, `E_2`, …). */
  readonly prefix: string;
  /** Words for messages and reports. */
  readonly label: string;
  /** Short name used in tables (`E`, `P`, `MIN`, `DES`). */
  readonly short: string;
  /**
   * Side of a gap the facet stands on: `required` (what the customer asks for: expectation,
   * adequate or desired level) or `delivered` (what the customer perceives).
   */
  readonly role: "required" | "delivered";
  /** Lower-case spellings accepted in the facet column of long input. */
  readonly aliases: readonly string[];
}

/**
 * The facet registry: every answer kind an item can collect, one line each. The `Facet` type,
 * the default column templates, the long-format facet spellings and the `--columns` keys all
 * read this table, so a new facet is one line here (plus the formats that collect it below).
 */
export const FACETS = {
  expectation: {
    prefix: "E_",
    label: "expectation",
    short: "E",
    role: "required",
    aliases: ["e", "expectation"],
  },
  perception: {
    prefix: "P_",
    label: "perception",
    short: "P",
    role: "delivered",
    aliases: ["p", "perception"],
  },
  adequate: {
    prefix: "MIN_",
    label: "adequate service",
    short: "MIN",
    role: "required",
    aliases: ["min", "minimum", "adequate", "a"],
  },
  desired: {
    prefix: "DES_",
    label: "desired service",
    short: "DES",
    role: "required",
    aliases: ["des", "desired", "d"],
  },
} as const satisfies Readonly<Record<string, FacetInfo>>;

/** The response-format registry: format → the facets it collects, in column order. */
export const RESPONSE_FORMATS = {
  "expectation-perception": ["expectation", "perception"],
  tolerance: ["adequate", "desired", "perception"],
  "perception-only": ["perception"],
  "expectation-only": ["expectation"],
} as const satisfies Readonly<Record<string, readonly (keyof typeof FACETS)[]>>;

/** Every facet name, in registry order. */
export const FACET_NAMES = Object.keys(FACETS) as readonly Facet[];

/** Every response-format name, in registry order. */
export const RESPONSE_FORMAT_NAMES = Object.keys(RESPONSE_FORMATS) as readonly ResponseFormat[];

/**
 * The facets an instrument's response format collects, in column order (read from
 * {@link RESPONSE_FORMATS}).
 *
 * @param format - A response format.
 * @returns Its facets.
 * @throws {ServqualError} `invalid-argument` for an unknown format.
 * @example
 * facetsOf("tolerance") //=> ["adequate", "desired", "perception"]
 */
export function facetsOf(format: ResponseFormat): readonly Facet[] {
  expectOneOf("facetsOf", "format", format, RESPONSE_FORMAT_NAMES);
  return RESPONSE_FORMATS[format];
}

/**
 * Default column prefix of each facet in wide input: `E_1`, `P_1`, `MIN_1`, `DES_1` (read from
 * {@link FACETS}).
 *
 * @param facet - A facet.
 * @returns Its prefix.
 * @throws {ServqualError} `invalid-argument` for an unknown facet.
 * @example
 * defaultColumnPrefix("adequate") //=> "MIN_"
 */
export function defaultColumnPrefix(facet: Facet): string {
  expectOneOf("defaultColumnPrefix", "facet", facet, FACET_NAMES);
  return FACETS[facet].prefix;
}
