/**
 * ΣΣA and the column sums Σᵢ Aᵢⱼ of a k × k row-major matrix, summed row by row (the order
 * fixes the rounding, so every caller gets the same figures).
 *
 * @example
 * matrixSums(Float64Array.of(1, 0.5, 0.5, 1), 2); //=> { total: 3, columns: [1.5, 1.5] }
 */
export function matrixSums(
  a: ArrayLike<number>,
  k: number,
): { total: number; columns: Float64Array } {
  let total = 0;
  const columns = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = a[i * k + j] as number;
      total += v;
      columns[j] = (columns[j] as number) + v;
    }
  }
  return { total, columns };
}
