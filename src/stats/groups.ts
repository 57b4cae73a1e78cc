import { invalidArgument } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { finiteValues } from "./finiteValues";
import type { NumericInput } from "./types";

/**
 * Independent groups for the many-group tests: either a record name → values (in the record's
 * key order; note that JavaScript puts integer-like keys such as "2" first, ascending) or an
 * array of `{ name, values }` (in array order, names must be unique).
 *
 * @example
 * { weekly: [-1, -0.5, 0], monthly: [-1.5, -1, -2] }
 * [{ name: "weekly", values: [-1, -0.5, 0] }, { name: "monthly", values: [-1.5, -1, -2] }]
 */
export type GroupsInput =
  | Readonly<Record<string, NumericInput>>
  | readonly { readonly name: string; readonly values: NumericInput }[];

/** n, mean and SD of one group, as reported by the group tests. */
export interface GroupSummary {
  readonly name: string;
  /** Non-missing values. */
  readonly n: number;
  /** Missing values dropped. */
  readonly missing: number;
  readonly mean: number | null;
  /** SD with the n − 1 divisor; null when n < 2. */
  readonly sd: number | null;
}

/** A group after missing values are dropped. */
export interface CleanGroup {
  readonly name: string;
  readonly values: Float64Array;
  readonly missing: number;
}

/**
 * Normalises {@link GroupsInput} to an ordered list of groups with missing values removed.
 *
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names,
 *   non-arrays, ±Infinity or non-numbers.
 */
export function cleanGroups(groups: GroupsInput, fn: string): CleanGroup[] {
  if (groups === null || typeof groups !== "object") {
    throw invalidArgument(fn, "groups", "a record or an array of groups", groups);
  }
  const list: { name: string; values: NumericInput }[] = Array.isArray(groups)
    ? (groups as readonly { name: string; values: NumericInput }[]).map((group, i) => {
        if (group === null || typeof group !== "object" || typeof group.name !== "string") {
          throw new ServqualError("invalid-input", `${fn}: group ${i} needs a name and values`, [
            {
              code: "invalid-group",
              message: "expected { name: string, values: number[] }",
              path: [i],
            },
          ]);
        }
        return { name: group.name, values: group.values };
      })
    : Object.entries(groups as Readonly<Record<string, NumericInput>>).map(([name, values]) => ({
        name,
        values,
      }));
  if (list.length < 2) {
    throw new ServqualError("invalid-input", `${fn} requires at least two groups`, [
      { code: "too-few-groups", message: `got ${list.length} group(s)` },
    ]);
  }
  const seen = new Set<string>();
  for (const group of list) {
    if (seen.has(group.name)) {
      throw new ServqualError("invalid-input", `${fn} requires unique group names`, [
        { code: "duplicate-group", message: `group "${group.name}" appears twice` },
      ]);
    }
    seen.add(group.name);
  }
  return list.map((group) => {
    const { values, missing } = finiteValues(group.values, fn, `groups.${group.name}`);
    return { name: group.name, values, missing };
  });
}
