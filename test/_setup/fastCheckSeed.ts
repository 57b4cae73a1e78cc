import fc from "fast-check";

/**
 * Property tests draw their cases from one fixed seed, so `npm test` gives the same verdict on
 * every run and machine. Set SERVQUAL_FC_SEED to another integer to explore other cases, or to
 * `random` for a fresh seed per run; a failure prints the seed and path that reproduce it.
 */
const chosen = process.env.SERVQUAL_FC_SEED;
if (chosen !== "random") {
  const seed = chosen === undefined || chosen === "" ? 20261202 : Number(chosen);
  if (!Number.isInteger(seed)) {
    throw new Error(
      `SERVQUAL_FC_SEED must be an integer or "random", got ${JSON.stringify(chosen)}`,
    );
  }
  fc.configureGlobal({ seed });
}
