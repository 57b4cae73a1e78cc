/**
 * Freezes an object and everything reachable from it, so a shared value (an instrument) cannot
 * be changed by any code: assignments throw in strict mode and do nothing otherwise.
 * Already-frozen objects are taken as frozen all the way down and not walked again.
 *
 * @param value - The object to freeze (other values are returned as they are).
 * @returns The same value, frozen.
 *
 * @example
 * const scale = deepFreeze({ min: 1, max: 7, labels: [{ value: 1, label: "low" }] });
 * Object.isFrozen(scale.labels[0]) //=> true
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
