/**
 * The number n when the cell `bytes[start, end)` is `prefix` followed by 1 to `maxDigits` ASCII
 * digits without a leading zero (ids such as `C1042`), else −1; one pass over the cell. `prefix`
 * does not end with a digit (it comes from {@link prefixBeforeDigits}), so the digits after it
 * are the cell's whole trailing run of digits.
 *
 * @example
 * prefixedNumber(Buffer.from("C1042"), 0, 5, Buffer.from("C"), 9); //=> 1042
 * prefixedNumber(Buffer.from("C01"), 0, 3, Buffer.from("C"), 9); //=> -1 (leading zero)
 */
export function prefixedNumber(
  bytes: Uint8Array,
  start: number,
  end: number,
  prefix: Uint8Array,
  maxDigits: number,
): number {
  const p = prefix.length;
  const digits = end - start - p;
  if (digits < 1 || digits > maxDigits || (digits > 1 && bytes[start + p] === 48)) return -1;
  for (let k = 0; k < p; k++) if (bytes[start + k] !== prefix[k]) return -1;
  let n = 0;
  for (let i = start + p; i < end; i++) {
    const d = (bytes[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Where the trailing run of ASCII digits of the cell `bytes[start, end)` begins (`end` when none). */
export function trailingDigitsStart(bytes: Uint8Array, start: number, end: number): number {
  let from = end;
  while (from > start) {
    const code = bytes[from - 1] as number;
    if (code < 48 || code > 57) break;
    from -= 1;
  }
  return from;
}

/**
 * The ASCII prefix before the trailing digits of the cell `bytes[start, end)`, or null (no
 * trailing digits, or a byte outside ASCII).
 *
 * @example
 * prefixBeforeDigits(Buffer.from("C1042"), 0, 5); //=> Uint8Array [67] ("C")
 */
export function prefixBeforeDigits(
  bytes: Uint8Array,
  start: number,
  end: number,
): Uint8Array | null {
  const from = trailingDigitsStart(bytes, start, end);
  if (from === end) return null;
  const prefix = Uint8Array.from(bytes.subarray(start, from));
  return prefix.every((b) => b < 128) ? prefix : null;
}
