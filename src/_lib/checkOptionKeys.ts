import { invalidArgument, isRecord } from "./checkArgument";
import { closestName } from "./closestName";
import { type Issue, ServqualError } from "./ServqualError";

/**
 * The option names of an options type, listed once: the compiler rejects a list that misses a
 * key of `T` or names one `T` does not have, so a new option cannot be forgotten here.
 *
 * @example
 * const GAP5_OPTIONS = optionNames<Gap5Options>({ level: true, pAdjust: true, reliability: true });
 */
export function optionNames<T extends object>(
  names: { readonly [K in keyof Required<T>]: true },
): readonly string[] {
  return Object.freeze(Object.keys(names));
}

/**
 * The issue for one unknown key: code `unknown-option`, the key, where it is and the closest
 * valid name, e.g. "unknown option 'missingPolicy'; did you mean 'missing'?".
 */
export function unknownOptionIssue(
  key: string,
  allowed: readonly string[],
  path: readonly (string | number)[] = [],
): Issue {
  const at = path.length > 0 ? ` in ${path.join(".")}` : "";
  const closest = closestName(key, allowed);
  const hint =
    closest === null
      ? "; this object takes no options"
      : `; did you mean '${closest}'? (valid: ${allowed.join(", ")})`;
  return {
    code: "unknown-option",
    message: `unknown option '${key}'${at}${hint}`,
    path: [...path, key],
  };
}

/**
 * Rejects option keys a function does not know, so a typo (`{ levl: 0.9 }`) fails loudly
 * instead of being ignored. `undefined` passes (no options); anything that is not a plain
 * object is an `invalid-argument`. O(keys × allowed), independent of the data.
 *
 * @param fn - The public function's name, for the message.
 * @param options - The caller's options object.
 * @param allowed - The valid keys (see {@link optionNames}).
 * @param param - The parameter's name; a dotted name (`options.long`) places nested options.
 * @throws {ServqualError} `invalid-options` with one `unknown-option` issue per unknown key,
 * naming the closest valid key; `invalid-argument` when `options` is not an object.
 *
 * @example
 * checkOptionKeys("gap5", { levl: 0.9 }, ["level", "pAdjust", "reliability"]);
 * // throws invalid-options: "unknown option 'levl'; did you mean 'level'? (valid: level, …)"
 */
export function checkOptionKeys(
  fn: string,
  options: unknown,
  allowed: readonly string[],
  param = "options",
): void {
  if (options === undefined) return;
  if (!isRecord(options)) throw invalidArgument(fn, param, "an object of options", options);
  let issues: Issue[] | null = null;
  for (const key in options) {
    if (!Object.hasOwn(options, key) || allowed.includes(key)) continue;
    issues ??= [];
    issues.push(unknownOptionIssue(key, allowed, param.split(".").slice(1)));
  }
  if (issues !== null) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, issues);
  }
}
