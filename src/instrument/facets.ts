import { expectOneOf } from "../_lib/guards";
import type { Facet, ResponseFormat } from "./types";

/**
 * The facets an instrument's response format collects, in column order.
 *
 * @example
 * facetsOf("tolerance") //=> ["adequate", "desired", "perception"]
 */
export function facetsOf(format: ResponseFormat): readonly Facet[] {
  expectOneOf("facetsOf", "format", format, [
    "expectation-perception",
    "tolerance",
    "perception-only",
  ]);
  switch (format) {
    case "expectation-perception":
      return ["expectation", "perception"];
    case "tolerance":
      return ["adequate", "desired", "perception"];
    case "perception-only":
      return ["perception"];
  }
}

/** Default column prefix of each facet in wide input: `E_1`, `P_1`, `MIN_1`, `DES_1`. */
export function defaultColumnPrefix(facet: Facet): string {
  expectOneOf("defaultColumnPrefix", "facet", facet, [
    "expectation",
    "perception",
    "adequate",
    "desired",
  ]);
  switch (facet) {
    case "expectation":
      return "E_";
    case "perception":
      return "P_";
    case "adequate":
      return "MIN_";
    case "desired":
      return "DES_";
  }
}
