import type { Issue } from "../_lib/ServqualError";

/**
 * Reads a k × k correlation matrix given as rows (the `correlation(s)` input of htmt and
 * fornellLarckerCriterion): every row an array of k numbers in [−1, 1], and Rᵢⱼ = Rⱼᵢ within
 * 1e-12 wherever both cells are valid. Each problem is pushed to `issues` as a coded issue
 * (`not-square`, `out-of-range`, `not-symmetric`) whose path is `[name, row, column]`; rows
 * beyond k are left to the caller. Returns the matrix row-major (0 where a cell is invalid).
 */
export function readCorrelationRows(
  rows: readonly unknown[],
  k: number,
  name: string,
  issues: Issue[],
): Float64Array {
  const r = new Float64Array(k * k);
  const valid = new Uint8Array(k * k);
  for (let i = 0; i < Math.min(k, rows.length); i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== k) {
      issues.push({
        code: "not-square",
        message: `row ${i + 1} does not have ${k} entries`,
        path: [name, i],
      });
      continue;
    }
    for (let j = 0; j < k; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number" || !(Math.abs(v) <= 1)) {
        issues.push({
          code: "out-of-range",
          message: `correlation ${String(v)} is not in [−1, 1]`,
          path: [name, i, j],
        });
      } else {
        r[i * k + j] = v;
        valid[i * k + j] = 1;
      }
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      if (valid[i * k + j] === 0 || valid[j * k + i] === 0) continue;
      if (Math.abs((r[i * k + j] as number) - (r[j * k + i] as number)) > 1e-12) {
        issues.push({
          code: "not-symmetric",
          message: `${name} [${i + 1}, ${j + 1}] and [${j + 1}, ${i + 1}] differ`,
          path: [name, i, j],
        });
      }
    }
  }
  return r;
}
