import { expectKind } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";

const TWO_POW_32 = 4294967296;

/**
 * The xoshiro128** 1.1 generator (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4)) from an explicit 128-bit state of four 32-bit words (not all 0).
 * Returns a function giving the next 32-bit unsigned integer.
 *
 * @category stats
 * @param s0 - state word 0
 * @param s1 - state word 1
 * @param s2 - state word 2
 * @param s3 - state word 3
 * @returns next() → integer in [0, 2³²)
 * @throws {ServqualError} `invalid-options` when all four words are 0
 * @example
 * const next = xoshiro128StarStar(1, 2, 3, 4);
 * [next(), next(), next()];
 * //=> [11520, 0, 5927040]   (the reference C implementation gives the same)
 */
export function xoshiro128StarStar(s0: number, s1: number, s2: number, s3: number): () => number {
  for (const [i, s] of [s0, s1, s2, s3].entries())
    expectKind("xoshiro128StarStar", `s${i}`, s, "number", "a 32-bit state word");
  let a = s0 >>> 0;
  let b = s1 >>> 0;
  let c = s2 >>> 0;
  let d = s3 >>> 0;
  if ((a | b | c | d) === 0) {
    throw new ServqualError(
      "invalid-options",
      "xoshiro128StarStar: the state must not be all zero",
    );
  }
  return () => {
    const m = Math.imul(b, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return result;
  };
}

/** SplitMix32 step (a 32-bit variant of Steele, Lea & Flood 2014), used only to seed. */
function splitMix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next ^ (next >>> 16);
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return [next, z >>> 0];
}

/**
 * A seeded, reproducible uniform generator on [0, 1): xoshiro128** whose 128-bit state is
 * filled from the seed by four SplitMix32 steps (the seeding Vigna recommends), each output
 * divided by 2³². The same seed gives the same sequence on every platform (32-bit integer
 * arithmetic only); different seeds give unrelated sequences. Not for cryptography.
 *
 * In R: no equivalent sequence (`set.seed()` + `runif()` use the Mersenne-Twister), so a
 * bootstrap here and in R agree only up to Monte Carlo error.
 *
 * @category stats
 * @param seed - any safe integer (negative values and values ≥ 2³² are allowed; both 32-bit
 *   halves are used)
 * @returns next() → number in [0, 1) with 32 random bits
 * @throws {ServqualError} `invalid-options` when the seed is not a safe integer
 * @example
 * const random = seededRandom(42);
 * random(); //=> 0.15377165307290852 (in every run and every JavaScript engine)
 */
export function seededRandom(seed: number): () => number {
  expectKind("seededRandom", "seed", seed, "number", "an integer seed");
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new ServqualError("invalid-options", "seededRandom: seed must be a safe integer", [
      { code: "not-an-integer", message: `seed is ${String(seed)}`, path: ["seed"] },
    ]);
  }
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  let state = low ^ Math.imul(high, 0x85ebca6b);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, output] = splitMix32(state);
    state = next;
    words.push(output);
  }
  const [w0, w1, w2, w3] = words as [number, number, number, number];
  // SplitMix32 outputs are a bijection of distinct states, so all four being 0 cannot happen;
  // the guard keeps xoshiro's all-zero state impossible regardless.
  const next = xoshiro128StarStar((w0 | w1 | w2 | w3) === 0 ? 1 : w0, w1, w2, w3);
  return () => next() / TWO_POW_32;
}
