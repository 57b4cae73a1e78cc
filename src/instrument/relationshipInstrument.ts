import { closestName } from "../_lib/closestName";
import { deepFreeze } from "../_lib/deepFreeze";
import { invalidArgument } from "../_lib/guards";
import { relationshipBank } from "./builtin/relationshipBank";
import type { Instrument } from "./types";

/**
 * The relationship item bank restricted to some facets (bank order kept), for a survey that
 * asks only those: `relationshipInstrument(["benevolence", "honesty", "affective"])`. Without
 * facets, the whole bank. The instrument validates like any other (`validateResponses`,
 * `validateRelationshipSurvey`).
 *
 * @param facets - Facet ids of the bank (`RELATIONSHIP_FACETS`), or undefined for all.
 * @returns A frozen instrument with id `relationship-quality-bank` and those dimensions.
 * @throws {ServqualError} `invalid-argument` for an unknown facet (the closest id is named),
 *   a repeated facet or an empty list.
 *
 * @example
 * relationshipInstrument(["benevolence"]).dimensions[0]?.items.map((i) => i.id)
 * //=> ["tbe1", "tbe2", "tbe3"]
 */
export function relationshipInstrument(facets?: readonly string[]): Instrument {
  return bankSubset("relationshipInstrument", "facets", facets);
}

/** {@link relationshipInstrument} for a caller that names itself and the parameter in errors. */
export function bankSubset(fn: string, param: string, facets: unknown): Instrument {
  if (facets === undefined) return relationshipBank;
  if (!Array.isArray(facets) || facets.length === 0) {
    throw invalidArgument(fn, param, "a non-empty array of facet ids", facets);
  }
  const ids = relationshipBank.dimensions.map((d) => d.id);
  const seen = new Set<string>();
  facets.forEach((facet: unknown, i) => {
    if (typeof facet !== "string" || !ids.includes(facet)) {
      const near = typeof facet === "string" ? closestName(facet, ids) : null;
      throw invalidArgument(
        fn,
        `${param}[${i}]`,
        `a facet of the relationship bank (${ids.join(", ")})`,
        facet,
        near === null ? "" : ` (did you mean "${near}"?)`,
      );
    }
    if (seen.has(facet)) {
      throw invalidArgument(fn, `${param}[${i}]`, "a facet not listed before", facet);
    }
    seen.add(facet);
  });
  return deepFreeze({
    ...relationshipBank,
    dimensions: relationshipBank.dimensions.filter((d) => seen.has(d.id)),
  });
}
