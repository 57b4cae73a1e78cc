import type { Notice } from "../_lib/notice";

/**
 * The gap model of Parasuraman, Zeithaml & Berry (1985; Zeithaml, Berry & Parasuraman 1988)
 * numbers five gaps. Each analysis returns its result in one envelope, so a report, a chart or
 * a database writer reads every gap the same way.
 */

/** The gap's number in the gap model: 1 (knowledge) … 5 (service quality, P − E). */
export type GapNumber = 1 | 2 | 3 | 4 | 5;

/**
 * How the two sides of a gap are observed:
 * - `paired`: both sides from the same respondents (Gap 5: each customer's P and E; zones of
 *   tolerance; Gap 4 promises vs delivery when rated by the same customers);
 * - `independent-groups`: each side from a different population (Gap 1: customers'
 *   expectations vs managers' estimates of them);
 * - `index`: a score built from one group's answers against a norm (Gap 2: standards index,
 *   how far management has turned expectations into service standards);
 * - `compliance`: the share of records that meet a standard (Gap 3: service delivered vs the
 *   standards, from transaction or audit records).
 */
export type GapDesign = "paired" | "independent-groups" | "index" | "compliance";

/** Identification every per-item (or per-attribute, per-standard) row of a gap carries. */
export interface GapItemRow {
  /** Item, attribute or standard id. */
  readonly item: string;
  readonly label: string;
  /** The dimension (e.g. `reliability`) the row belongs to. */
  readonly dimension: string;
}

/** Identification every per-dimension row of a gap carries. */
export interface GapDimensionRow {
  readonly dimension: string;
  readonly label: string;
}

/**
 * The shape every gap result shares (Gap 1–5): what the gap is (number, name, design), how to
 * read it (unit and sign sentence), its rows per item and per dimension, its overall figure and
 * the warnings about the result as a whole (rows carry their own warnings).
 *
 * Design-specific detail sits beside these fields in the concrete result type (Gap 5:
 * `instrument`, `missingPolicy`, `level`, `pAdjustMethod`, `respondents`, `reliability`), so a
 * consumer that knows only the envelope reads every gap, and one that knows the gap reads all.
 *
 * Convention: a gap is always `delivered − required` in `unit`; a negative value is a shortfall.
 * Rows that compare two sides name them in fixed `required` / `delivered` fields, each with
 * `side` telling which facet or group it is (see `GapStatistics`).
 *
 * Reference: Parasuraman, Zeithaml & Berry (1985), J. Marketing 49(4):41–50.
 *
 * @example
 * const result: GapEnvelope = gap5(dataset);
 * `${result.name} (${result.unit}): ${result.sign}` //=> "Gap 5: perceived vs expected service (scale points): …"
 */
export interface GapEnvelope<
  Item extends GapItemRow = GapItemRow,
  Dimension extends GapDimensionRow = GapDimensionRow,
  Overall = unknown,
> {
  /** Number in the gap model (1–5). */
  readonly gap: GapNumber;
  /** Human-readable name, e.g. "Gap 5: perceived vs expected service". */
  readonly name: string;
  readonly design: GapDesign;
  /** Unit of every gap value, e.g. "scale points" or "share of records". */
  readonly unit: string;
  /** How to read the sign, e.g. "perception − expectation; negative = shortfall". */
  readonly sign: string;
  /** One row per item, attribute or standard. */
  readonly items: readonly Item[];
  /** One row per dimension. */
  readonly dimensions: readonly Dimension[];
  /** The overall figure(s) of the gap. */
  readonly overall: Overall;
  /** Coded warnings about the result as a whole (each row keeps its own). */
  readonly warnings: readonly Notice[];
}
