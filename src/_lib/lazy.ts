/**
 * Wraps a builder so that it runs on the first call only; later calls return the same value.
 * Module-level schemas are built this way (called as `/* @__PURE__ *\/ lazy(...)`) so that a
 * bundler drops them, and zod with them, from code that never uses them.
 *
 * @example
 * const schema = lazy(() => z.string());
 * schema() === schema() //=> true
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
