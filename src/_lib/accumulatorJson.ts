import { expectKind } from "./checkArgument";
import { ServqualError } from "./ServqualError";

/**
 * Tags of the values plain JSON cannot hold. Each becomes a one-key object:
 * `{"$bigint": "123"}`, `{"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}`,
 * `{"$map": [[key, value], …]}`, `{"$Float64Array": […]}`, `{"$Int32Array": […]}`,
 * `{"$Uint8Array": […]}` (typed-array elements encoded like any other value).
 */
const TYPED = {
  $Float64Array: Float64Array,
  $Int32Array: Int32Array,
  $Uint8Array: Uint8Array,
} as const;
type TypedTag = keyof typeof TYPED;

function encodeNumber(value: number): unknown {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { $number: Object.is(value, -0) ? "-0" : String(value) };
}

function encode(value: unknown): unknown {
  if (typeof value === "number") return encodeNumber(value);
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  for (const [tag, type] of Object.entries(TYPED)) {
    if (value instanceof type)
      return { [tag]: Array.from(value as ArrayLike<number>, encodeNumber) };
  }
  if (ArrayBuffer.isView(value)) {
    throw new ServqualError("unsupported", "accumulatorToJson: unsupported typed array", [
      { code: "unsupported-value", message: `a ${value.constructor.name} cannot be encoded` },
    ]);
  }
  if (Array.isArray(value)) return value.map(encode);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = encode(inner);
  return out;
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decode);
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [tag, inner] = entries[0] as [string, unknown];
    if (tag === "$bigint" && typeof inner === "string") return BigInt(inner);
    if (tag === "$number" && typeof inner === "string") return inner === "-0" ? -0 : Number(inner);
    if (tag === "$map" && Array.isArray(inner)) {
      return new Map(inner.map((pair) => (pair as unknown[]).map(decode) as [unknown, unknown]));
    }
    if (tag in TYPED && Array.isArray(inner)) {
      return TYPED[tag as TypedTag].from(inner.map((x) => decode(x) as number));
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries) out[key] = decode(inner);
  return out;
}

/**
 * Encodes an accumulator state (of `createGapAccumulator`, `createPairedAccumulator`,
 * `createItemCovarianceAccumulator`, …) as JSON text that {@link accumulatorFromJson} turns back
 * into an equal state, so partial results computed in a worker, another process or a database
 * can be shipped and merged. Plain `JSON.stringify` would lose what the states hold beside plain
 * numbers: typed arrays, Maps of histogram counts, bigint keys of large instruments, −0 and
 * non-finite values; these are written as one-key tagged objects (`{"$bigint": "…"}`,
 * `{"$map": […]}`, `{"$Float64Array": […]}`, `{"$number": "NaN"}`). States also survive
 * `structuredClone` as they are.
 *
 * @category accumulators
 * @param state - An accumulator state (plain objects, arrays, numbers, strings, booleans, null,
 *   bigints, Maps and Float64/Int32/Uint8 arrays).
 * @returns JSON text.
 * @throws {ServqualError} `invalid-argument` when `state` is not an object; `unsupported` for
 *   another typed array kind.
 * @example
 * const acc = createPairedAccumulator();
 * accumulatePairs(acc, [6, 7, 5], [5, 7, 6]);
 * const copy = accumulatorFromJson(accumulatorToJson(acc));
 * finishPaired(copy).difference.mean //=> -1/3
 */
export function accumulatorToJson(state: unknown): string {
  expectKind("accumulatorToJson", "state", state, "object", "an accumulator state (an object)");
  return JSON.stringify(encode(state));
}

/**
 * Decodes the JSON text of {@link accumulatorToJson} back into an accumulator state, equal
 * field by field (typed arrays, Maps, bigints, −0 and non-finite numbers restored).
 *
 * @category accumulators
 * @param text - Text from {@link accumulatorToJson}.
 * @returns The state (typed by the caller, e.g. `accumulatorFromJson<GapAccumulator>(text)`).
 * @throws {ServqualError} `invalid-argument` when `text` is not a string; `invalid-input` when
 *   it is not JSON.
 * @example
 * const merged = mergeGapAccumulators(accumulatorFromJson<GapAccumulator>(fromWorker), local);
 */
export function accumulatorFromJson<State = unknown>(text: string): State {
  expectKind("accumulatorFromJson", "text", text, "string", "JSON text from accumulatorToJson");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ServqualError("invalid-input", "accumulatorFromJson: the text is not JSON", [
      { code: "not-json", message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  return decode(parsed) as State;
}
