import { invalidArgument } from "../_lib/guards";
import { type Issue, ServqualError } from "../_lib/ServqualError";

/**
 * Validates standardised loadings (internal): a non-empty array of finite numbers. Returns
 * warnings for loadings outside [−1, 1] (Heywood) and for negative loadings.
 */
export function checkLoadings(
  loadings: ReadonlyArray<number>,
  fn: string,
): { readonly heywood: number[]; readonly negative: number[] } {
  if (!Array.isArray(loadings) && !ArrayBuffer.isView(loadings)) {
    throw invalidArgument(fn, "loadings", "an array of standardised loadings", loadings);
  }
  if (loadings.length === 0) {
    throw new ServqualError("empty-input", `${fn} requires at least one loading`);
  }
  const issues: Issue[] = [];
  const heywood: number[] = [];
  const negative: number[] = [];
  for (let i = 0; i < loadings.length; i++) {
    const l: unknown = loadings[i];
    if (typeof l !== "number" || !Number.isFinite(l)) {
      issues.push({ code: "not-finite", message: `loading ${i + 1} is ${String(l)}`, path: [i] });
      continue;
    }
    if (Math.abs(l) > 1) heywood.push(i);
    if (l < 0) negative.push(i);
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", `${fn} requires finite loadings`, issues);
  }
  return { heywood, negative };
}

/** Human-readable 1-based list of loading positions. */
export function positions(indices: readonly number[]): string {
  return indices.map((i) => `#${i + 1}`).join(", ");
}
