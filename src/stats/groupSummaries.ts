import type { CleanGroup, GroupSummary } from "./groups";
import { meanVariance } from "./moments";

/** Per-group n, mean, SD (two-pass) of cleaned groups. */
export function groupSummaries(groups: readonly CleanGroup[]): GroupSummary[] {
  return groups.map((group) => {
    const { n, mean, variance } = meanVariance(group.values);
    return {
      name: group.name,
      n,
      missing: group.missing,
      mean: n > 0 ? mean : null,
      sd: n > 1 ? Math.sqrt(variance) : null,
    };
  });
}
