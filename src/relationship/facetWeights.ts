import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { closestName } from "../_lib/closestName";

/** Weights of facets in an index, by facet id (facets not named weigh 1). */
export type FacetWeights = Readonly<Record<string, number>>;

/** The facets whose weights `trustIndex` reads (T). */
export const TRUST_WEIGHTED = ["benevolence", "honesty", "reliability", "competence"] as const;
/** The facets whose weights `commitmentIndex` reads (the attitudinal index; calculative is never added). */
export const COMMITMENT_WEIGHTED = ["affective", "normative"] as const;

/**
 * Checks `facetWeights`: an object of facet id → weight, each a finite number ≥ 0, for the
 * facets of the given groups only (an unknown name is refused with the closest valid one), and
 * at least one positive weight in each group (facets not named weigh 1).
 *
 * @returns facet id → weight for every facet of the groups.
 * @throws {ServqualError} `invalid-argument`.
 *
 * @example
 * facetWeightsOf("trustIndex", { honesty: 2 }, [TRUST_WEIGHTED]).get("honesty") //=> 2
 */
export function facetWeightsOf(
  fn: string,
  value: unknown,
  groups: readonly (readonly string[])[],
): ReadonlyMap<string, number> {
  const param = "options.facetWeights";
  const allowed = groups.flat();
  const out = new Map<string, number>(allowed.map((f) => [f, 1]));
  if (value === undefined) return out;
  if (!isRecord(value)) {
    throw invalidArgument(fn, param, "an object of facet id → weight", value);
  }
  for (const [facet, weight] of Object.entries(value)) {
    if (!out.has(facet)) {
      const near = closestName(facet, allowed);
      throw invalidArgument(
        fn,
        `${param}.${facet}`,
        `a facet weighted in this index (${allowed.join(", ")})`,
        facet,
        facet === "calculative"
          ? "; calculative commitment is reported beside C, never added in"
          : near === null
            ? ""
            : `; did you mean "${near}"?`,
      );
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw invalidArgument(fn, `${param}.${facet}`, "a finite weight ≥ 0", weight);
    }
    out.set(facet, weight);
  }
  for (const group of groups) {
    if (!group.some((f) => (out.get(f) as number) > 0)) {
      throw invalidArgument(
        fn,
        param,
        `weights with at least one positive among ${group.join(", ")}`,
        value,
      );
    }
  }
  return out;
}
