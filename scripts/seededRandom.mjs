/**
 * The seeded random draws of the demo-data generators, so every generator writes the same bytes
 * on every run and machine.
 */

/**
 * mulberry32: small, fast 32-bit PRNG (Tommy Ettinger); returns floats in [0, 1).
 *
 * @param {number} seed - any 32-bit integer
 * @returns {() => number} the next draw on each call
 * @example
 * const rand = mulberry32(20240101); rand(); //=> a float in [0, 1), the same on every run
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Approximately normal with mean 0 and SD `sd`: Irwin–Hall sum of 12 uniforms minus 6, times sd.
 *
 * @param {() => number} rand - uniform draws in [0, 1)
 * @param {number} [sd] - standard deviation, default 1
 * @returns {number} one draw
 * @example
 * normal(mulberry32(1), 0.5); //=> a draw with SD 0.5
 */
export function normal(rand, sd = 1) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rand();
  return (s - 6) * sd;
}
