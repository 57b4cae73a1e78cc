import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import type { GapNumber } from "./envelope";
import type { FiveGapInputs } from "./fiveGapModel";

/** The CRM names of the gaps that {@link crmGapViews} maps onto the five gaps. */
export type CrmGapTerm =
  | "perception-gap"
  | "expectation-gap"
  | "standards-gap"
  | "delivery-gap"
  | "responsiveness-gap"
  | "communication-gap";

/** One number a CRM term stands for, read from a gap result, with where it was read. */
export interface CrmGapFigure {
  /** `overall`, a dimension, a standard (Gap 3) or a promise (Gap 4). */
  readonly scope: "overall" | "dimension" | "standard" | "promise";
  /** `overall`, the dimension id, the standard id or the promise id. */
  readonly key: string;
  readonly label: string;
  /** Delivered − required in the result's unit (negative = shortfall), null when not computable. */
  readonly value: number | null;
  readonly unit: string;
  /** The gap the number comes from. */
  readonly gap: GapNumber;
  /** Where it is in that result, e.g. `gap3.items[fr].gap`. */
  readonly path: string;
}

/** What one CRM term stands for in the results. */
export interface CrmGapView {
  readonly term: CrmGapTerm;
  /** The CRM name, e.g. "perception gap". */
  readonly name: string;
  /** Other names of the same comparison. */
  readonly alsoCalled: readonly string[];
  /** The gaps of the five-gap model it is read from. */
  readonly gaps: readonly GapNumber[];
  /** What it compares, in words. */
  readonly compares: string;
  /**
   * `literature`: the literature names this comparison so (Parasuraman, Zeithaml & Berry 1985;
   * Zeithaml, Bitner & Gremler 2018); `our-choice`: a CRM name whose mapping is ours.
   */
  readonly mapping: "literature" | "our-choice";
  /** Whether a result it is read from was given. */
  readonly present: boolean;
  readonly figures: readonly CrmGapFigure[];
}

/** The CRM views of a set of gap results. */
export interface CrmGapViews {
  readonly kind: "crm-gap-views";
  readonly views: readonly CrmGapView[];
}

const INPUT_KEYS = ["gap1", "gap2", "gap3", "gap4", "gap5", "factors"];
const RESPONSE_METRICS = new Set(["first-response", "resolution"]);

type Row = { readonly dimension: string; readonly label: string };

function dimensionFigures<R extends Row>(
  gap: GapNumber,
  rows: readonly R[],
  unit: string,
  value: (row: R) => number | null,
  field: string,
): CrmGapFigure[] {
  return rows.map((row) => ({
    scope: "dimension",
    key: row.dimension,
    label: row.label,
    value: finite(value(row)),
    unit,
    gap,
    path: `gap${gap}.dimensions[${row.dimension}].${field}`,
  }));
}

function overallFigure(gap: GapNumber, value: number | null, unit: string, field: string) {
  return {
    scope: "overall",
    key: "overall",
    label: "Overall",
    value: finite(value),
    unit,
    gap,
    path: `gap${gap}.overall.${field}`,
  } as const;
}

function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/**
 * The CRM gap vocabulary as views of the gap results: per CRM term, the numbers of the
 * results it stands for, read (never recomputed) from the same results `fiveGapModel` takes,
 * each with its path in the result. Every value is delivered − required, so negative is a
 * shortfall, in the unit of its gap.
 *
 * | term | gaps | numbers | mapping |
 * |---|---|---|---|
 * | perception gap (customer gap) | 5 | `overall.unweighted.gap.mean`, dimensions' `gap.mean` (P − E) | literature |
 * | expectation gap (understanding, listening gap) | 1 | `overall.gap.mean`, dimensions' `gap.mean` (managers' estimate − customers' E) | our choice |
 * | standards gap (design and standards gap) | 2 | `overall.gap`, dimensions' `gap` (coverage − 1) | literature |
 * | delivery gap (service performance gap) | 3 | `overall.gap`, dimensions' `gap` (compliance − target share) | literature |
 * | responsiveness gap | 3, 5 | Gap 3 standards with a first-response or resolution metric (`gap`), Gap 5 `responsiveness` (`gap.mean`) | our choice |
 * | communication gap (promise gap) | 4 | `overall.gap`, promises' `gap` (kept rate − 1) | literature |
 *
 * References: Parasuraman, Zeithaml & Berry (1985), J. Marketing 49(4), 41–50 (the five gaps,
 * Gap 5 as expected vs perceived service); Zeithaml, Bitner & Gremler (2018), Services Marketing,
 * 7th ed., ch. 2 (customer, listening, service design and standards, service performance and
 * communication gaps).
 *
 * @param results - `{ gap1?, gap2?, gap3?, gap4?, gap5?, factors? }`, as given to `fiveGapModel`.
 * @returns One view per term, in the order of the table; a view whose results are absent has
 * `present: false` and no figures.
 * @throws {ServqualError} `invalid-argument` when an input is not the result it is named after,
 * `invalid-options` on an unknown key.
 * @example
 * const views = crmGapViews({ gap5: gap5(survey), gap3: gap3(records, standards) });
 * views.views.find((v) => v.term === "responsiveness-gap")?.figures[0]?.path //=> "gap3.items[fr].gap"
 */
export function crmGapViews(results: FiveGapInputs): CrmGapViews {
  const fn = "crmGapViews";
  const raw: unknown = results;
  if (!isRecord(raw))
    throw invalidArgument(
      fn,
      "results",
      "an object { gap1?, gap2?, gap3?, gap4?, gap5?, factors? }",
      results,
    );
  checkOptionKeys(fn, results, INPUT_KEYS, "results");
  for (const n of [1, 2, 3, 4, 5] as const) {
    const value = raw[`gap${n}`];
    if (
      value !== undefined &&
      (!isRecord(value) ||
        value.gap !== n ||
        !Array.isArray(value.dimensions) ||
        !Array.isArray(value.items) ||
        !isRecord(value.overall))
    )
      throw invalidArgument(fn, `results.gap${n}`, `a Gap ${n} result (from gap${n}())`, value);
  }
  const { gap1, gap2, gap3, gap4, gap5 } = results;
  const views: CrmGapView[] = [];
  const view = (
    head: Omit<CrmGapView, "present" | "figures">,
    present: boolean,
    figures: () => CrmGapFigure[],
  ) => views.push({ ...head, present, figures: present ? figures() : [] });

  view(
    {
      term: "perception-gap",
      name: "perception gap",
      alsoCalled: ["customer gap", "service quality gap", "Gap 5"],
      gaps: [5],
      compares: "what customers perceived vs what they expected (P − E)",
      mapping: "literature",
    },
    gap5 !== undefined,
    () => {
      const g = gap5 as NonNullable<typeof gap5>;
      return [
        overallFigure(5, g.overall.unweighted.gap.mean, g.unit, "unweighted.gap.mean"),
        ...dimensionFigures(5, g.dimensions, g.unit, (r) => r.gap.mean, "gap.mean"),
      ];
    },
  );
  view(
    {
      term: "expectation-gap",
      name: "expectation gap",
      alsoCalled: ["understanding gap", "listening gap", "knowledge gap", "Gap 1"],
      gaps: [1],
      compares: "what management believes customers expect vs what they expect",
      mapping: "our-choice",
    },
    gap1 !== undefined,
    () => {
      const g = gap1 as NonNullable<typeof gap1>;
      return [
        overallFigure(1, g.overall.gap.mean, g.unit, "gap.mean"),
        ...dimensionFigures(1, g.dimensions, g.unit, (r) => r.gap.mean, "gap.mean"),
      ];
    },
  );
  view(
    {
      term: "standards-gap",
      name: "standards gap",
      alsoCalled: ["design and standards gap", "design gap", "Gap 2"],
      gaps: [2],
      compares: "customer-driven standards set vs the attributes customers expect",
      mapping: "literature",
    },
    gap2 !== undefined,
    () => {
      const g = gap2 as NonNullable<typeof gap2>;
      return [
        overallFigure(2, g.overall.gap, g.unit, "gap"),
        ...dimensionFigures(2, g.dimensions, g.unit, (r) => r.gap, "gap"),
      ];
    },
  );
  view(
    {
      term: "delivery-gap",
      name: "delivery gap",
      alsoCalled: ["service performance gap", "SLA gap", "Gap 3"],
      gaps: [3],
      compares: "service delivered vs the service standards",
      mapping: "literature",
    },
    gap3 !== undefined,
    () => {
      const g = gap3 as NonNullable<typeof gap3>;
      return [
        overallFigure(3, g.overall.gap, g.unit, "gap"),
        ...dimensionFigures(3, g.dimensions, g.unit, (r) => r.gap, "gap"),
      ];
    },
  );
  view(
    {
      term: "responsiveness-gap",
      name: "responsiveness gap",
      alsoCalled: ["response-time gap", "SLA breach rate"],
      gaps: [3, 5],
      compares:
        "response and resolution times delivered vs their standards (Gap 3), and customers' view of responsiveness (Gap 5)",
      mapping: "our-choice",
    },
    gap3 !== undefined || gap5 !== undefined,
    () => [
      ...(gap3?.items ?? [])
        .filter((row) => RESPONSE_METRICS.has(row.metric))
        .map(
          (row): CrmGapFigure => ({
            scope: "standard",
            key: row.item,
            label: row.label,
            value: finite(row.gap),
            unit: gap3?.unit ?? "",
            gap: 3,
            path: `gap3.items[${row.item}].gap`,
          }),
        ),
      ...dimensionFigures(
        5,
        (gap5?.dimensions ?? []).filter((row) => row.dimension === "responsiveness"),
        gap5?.unit ?? "",
        (r) => r.gap.mean,
        "gap.mean",
      ),
    ],
  );
  view(
    {
      term: "communication-gap",
      name: "communication gap",
      alsoCalled: ["promise gap", "overpromise", "Gap 4"],
      gaps: [4],
      compares: "what external communications promised vs what was delivered",
      mapping: "literature",
    },
    gap4 !== undefined,
    () => {
      const g = gap4 as NonNullable<typeof gap4>;
      return [
        overallFigure(4, g.overall.gap, g.unit, "gap"),
        ...g.items.map(
          (row): CrmGapFigure => ({
            scope: "promise",
            key: row.item,
            label: row.label,
            value: finite(row.gap),
            unit: g.unit,
            gap: 4,
            path: `gap4.items[${row.item}].gap`,
          }),
        ),
      ];
    },
  );
  return { kind: "crm-gap-views", views };
}
