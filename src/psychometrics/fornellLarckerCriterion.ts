import { checkOptionKeys, expectShape } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { readCorrelationRows } from "./correlationRows";

/** Inputs of {@link fornellLarckerCriterion}. */
export interface FornellLarckerInputs {
  /** Construct names (default `construct1`, …). */
  readonly constructs?: readonly string[];
  /** AVE of each construct (e.g. from {@link averageVarianceExtracted}), in [0, 1]. */
  readonly ave: ReadonlyArray<number>;
  /** Correlations between the constructs (latent or composite), m × m, symmetric. */
  readonly correlations: ReadonlyArray<ReadonlyArray<number>>;
}

/** One pair of constructs in {@link FornellLarckerResult}. */
export interface FornellLarckerPair {
  readonly a: string;
  readonly b: string;
  readonly correlation: number;
  /** Shared variance r². */
  readonly sharedVariance: number;
  readonly aveA: number;
  readonly aveB: number;
  /** AVE_a > r² and AVE_b > r². */
  readonly discriminant: boolean;
}

/** Result of {@link fornellLarckerCriterion}. */
export interface FornellLarckerResult {
  readonly constructs: readonly string[];
  /** √AVE per construct (the diagonal of the usual Fornell–Larcker table). */
  readonly sqrtAve: readonly number[];
  readonly pairs: readonly FornellLarckerPair[];
  /** True when every pair passes. */
  readonly discriminant: boolean;
  readonly warnings: readonly Notice[];
}

const INPUTS = {
  what: "{ ave, correlations } (arrays)",
  fields: { ave: "array", correlations: "array" },
} as const;

/**
 * Fornell–Larcker criterion of discriminant validity: each construct's AVE must exceed its
 * squared correlation with every other construct (equivalently √AVE > |r|).
 *
 * AVE_j > r²_jk for all k ≠ j
 *
 * Reference: Fornell, C. & Larcker, D. F. (1981), Journal of Marketing Research 18(1), 39–50.
 * Henseler, Ringle & Sarstedt (2015) show the criterion misses many discriminant-validity
 * problems; report {@link htmt} as well.
 *
 * In R: `semTools::discriminantValidity()` covers related tests; the criterion itself is a
 * comparison of `AVE` with `cor^2`.
 *
 * @category psychometrics
 * @param inputs - AVE per construct and the construct correlation matrix
 * @returns the pairwise comparisons and whether all pass
 * @throws {ServqualError} `invalid-input` for fewer than 2 constructs, a non-square or
 *   non-symmetric matrix, correlations outside [−1, 1], AVE outside [0, 1], or names of the
 *   wrong length
 * @example
 * fornellLarckerCriterion({ ave: [0.6, 0.55], correlations: [[1, 0.7], [0.7, 1]] }).discriminant;
 * //=> true (0.7² = 0.49 is below both AVEs)
 */
export function fornellLarckerCriterion(inputs: FornellLarckerInputs): FornellLarckerResult {
  expectShape("fornellLarckerCriterion", "inputs", inputs, INPUTS);
  checkOptionKeys(
    "fornellLarckerCriterion",
    inputs,
    ["constructs", "ave", "correlations"],
    "inputs",
  );
  const fn = "fornellLarckerCriterion";
  const ave = inputs?.ave;
  const r = inputs?.correlations;
  if (!Array.isArray(ave) || !Array.isArray(r)) {
    throw new ServqualError("invalid-input", `${fn} requires ave and correlations arrays`);
  }
  const m = ave.length;
  if (m < 2) throw new ServqualError("invalid-input", `${fn} requires at least two constructs`);
  const constructs = inputs.constructs
    ? [...inputs.constructs]
    : Array.from({ length: m }, (_, i) => `construct${i + 1}`);
  const issues: Issue[] = [];
  if (constructs.length !== m) {
    issues.push({
      code: "length-mismatch",
      message: `${constructs.length} names for ${m} constructs`,
      path: ["constructs"],
    });
  }
  ave.forEach((v, i) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      issues.push({
        code: "out-of-range",
        message: `AVE ${String(v)} is not in [0, 1]`,
        path: ["ave", i],
      });
    }
  });
  if (r.length !== m) {
    issues.push({
      code: "length-mismatch",
      message: `correlations has ${r.length} rows for ${m} constructs`,
      path: ["correlations"],
    });
  }
  readCorrelationRows(r, m, "correlations", issues);
  if (issues.length > 0) throw new ServqualError("invalid-input", `${fn}: invalid inputs`, issues);
  const pairs: FornellLarckerPair[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const correlation = r[i]?.[j] as number;
      const sharedVariance = correlation * correlation;
      const aveA = ave[i] as number;
      const aveB = ave[j] as number;
      pairs.push({
        a: constructs[i] as string,
        b: constructs[j] as string,
        correlation,
        sharedVariance,
        aveA,
        aveB,
        discriminant: aveA > sharedVariance && aveB > sharedVariance,
      });
    }
  }
  const failing = pairs.filter((p) => !p.discriminant);
  const warnings = failing.map((p) => {
    const low = [
      ...(p.aveA <= p.sharedVariance ? [`${p.a} (AVE ${p.aveA.toFixed(3)})`] : []),
      ...(p.aveB <= p.sharedVariance ? [`${p.b} (AVE ${p.aveB.toFixed(3)})`] : []),
    ];
    return notice(
      "fornell-larcker-fails",
      `${p.a} and ${p.b} share more variance (r² = ${p.sharedVariance.toFixed(3)}) than ${low.join(" and ")} extract${low.length === 1 ? "s" : ""} from its indicators: discriminant validity is not established`,
    );
  });
  return {
    constructs,
    sqrtAve: ave.map((v) => Math.sqrt(v)),
    pairs,
    discriminant: failing.length === 0,
    warnings,
  };
}
