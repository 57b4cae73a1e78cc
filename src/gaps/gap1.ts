import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { about, type Notice, notice } from "../_lib/notice";
import { respondentScores } from "../responses/respondentScores";
import { checkRows, selectValues } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import type { ManagementSurvey } from "../responses/validateManagementSurvey";
import { checkLevel } from "../stats/checkOptions";
import { compareGroups } from "./gap1Compare";
import {
  checkSameInstrument,
  countScored,
  expectationColumns,
  finite,
  managersDataset,
  meanOfScored,
  noOne,
} from "./gap1Inputs";
import { adjustFamily, itemFigures, misjudged } from "./gap1Items";
import type { Gap1Options, Gap1Result, Gap1Statistics } from "./gap1Types";

export type {
  Gap1Misjudgement,
  Gap1Options,
  Gap1Overall,
  Gap1Result,
  Gap1Side,
  Gap1Statistics,
  Gap1Test,
} from "./gap1Types";

/** The option names of {@link gap1}. */
export const GAP1_OPTIONS = optionNames<Gap1Options>({
  level: true,
  pAdjust: true,
  top: true,
  rows: true,
  managerRows: true,
});

const FN = "gap1";

/**
 * Gap 1 of the gap model (knowledge): how far management's perception of customers'
 * expectations is from those expectations (Parasuraman, Zeithaml & Berry 1985, J. Marketing
 * 49(4):41–50). Customers give E on each item; managers estimate it on the same items and scale
 * (`validateManagementSurvey`).
 *
 * gap = mean estimate − mean expectation, per item, per dimension (respondents' dimension
 * scores, under each dataset's missing-data policy) and overall (mean of dimension scores);
 * negative = management underestimates what customers expect. The groups are independent:
 * - ≥ 2 managers: Welch's t-test, df by Welch–Satterthwaite (R: `t.test(managers, customers)`);
 * - 1 manager (value m): one-sample t-test t = (m − x̄)/(s/√n), df = n − 1 (R:
 *   `t.test(customers, mu = m)` with the sign of t flipped);
 * - Hedges' g = J·d, J = 1 − 3/(4·df − 1), pooled SD (one manager: the customers' SD), with a
 *   normal-approximation interval (Hedges & Olkin 1985).
 * p-values are adjusted within the item and the dimension family (Holm by default).
 * `underestimated` / `overestimated` list the items with the largest negative / positive gaps.
 *
 * @param customers - Customers' answers (a dataset with expectation answers).
 * @param managers - The management survey (`validateManagementSurvey`) or a dataset whose
 *   expectation answers are managers' estimates on the same instrument.
 * @param options - `level`, `pAdjust`, `top`, `rows` (customers), `managerRows`.
 * @returns The Gap 1 envelope; values that cannot be computed are null with a warning.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when the two sides are on
 *   different instruments (`instrument-mismatch`) or scales (`scale-mismatch`), or when no
 *   manager or customer is left (`no-managers`, `no-customers`).
 *
 * @example
 * const managers = validateManagementSurvey(managerRows, instruments.servqual22);
 * const result = gap1(customers, managers);
 * result.underestimated[0] //=> { item: "7", dimension: "reliability", gap: -1.1, … }
 */
export function gap1(
  customers: Dataset,
  managers: ManagementSurvey | Dataset,
  options: Gap1Options = {},
): Gap1Result {
  expectShape(FN, "customers", customers, shapes.dataset);
  const managerData = managersDataset(managers);
  checkOptionKeys(FN, options, GAP1_OPTIONS);
  const level = checkLevel(options.level, FN);
  const pAdjustMethod = options.pAdjust ?? "holm";
  const top = options.top ?? 3;
  if (!Number.isInteger(top) || top < 0) {
    throw invalidArgument(FN, "options.top", "a whole number ≥ 0", top);
  }
  const rows = checkRows(FN, options.rows, customers.n);
  const managerRows = checkRows(FN, options.managerRows, managerData.n);
  checkSameInstrument(customers.instrument, managerData.instrument);
  const customerE = expectationColumns(customers, "customers");
  const managerE = expectationColumns(managerData, "managers");
  const instrument = customers.instrument;

  const compare = (c: ArrayLike<number>, m: ArrayLike<number>) =>
    compareGroups(finite(c), finite(m), level);

  let i = 0;
  const itemStats: (Gap1Statistics & { item: string; label: string; dimension: string })[] = [];
  for (const dimension of instrument.dimensions) {
    for (const item of dimension.items) {
      const stats = compare(
        selectValues(customerE[i] as ArrayLike<number>, rows),
        selectValues(managerE[i] as ArrayLike<number>, managerRows),
      );
      itemStats.push({
        item: item.id,
        label: item.label,
        dimension: dimension.id,
        ...stats,
        warnings: stats.warnings.map((w) => about(`item ${item.id}`, w)),
      });
      i += 1;
    }
  }
  const customerScores = respondentScores(customers, {
    facet: "expectation",
    level: "dimension",
    ...(rows === null ? {} : { rows }),
  });
  const managerScores = respondentScores(managerData, {
    facet: "expectation",
    level: "dimension",
    ...(managerRows === null ? {} : { rows: managerRows }),
  });
  const dimensionStats = instrument.dimensions.map((dimension, d) => {
    const stats = compare(customerScores[d] as Float64Array, managerScores[d] as Float64Array);
    return {
      dimension: dimension.id,
      label: dimension.label,
      items: dimension.items.map((item) => item.id),
      ...stats,
      warnings: stats.warnings.map((w) => about(`dimension ${dimension.id}`, w)),
    };
  });
  const customerOverall = meanOfScored(customerScores);
  const managerOverall = meanOfScored(managerScores);
  const customerCount = countScored(customerOverall);
  const managerCount = countScored(managerOverall);
  if (managerCount === 0) throw noOne("managers", "no-managers");
  if (customerCount === 0) throw noOne("customers", "no-customers");
  const overall = compare(customerOverall, managerOverall);

  const items = adjustFamily(itemStats, pAdjustMethod);
  const dimensions = adjustFamily(dimensionStats, pAdjustMethod);
  const warnings: Notice[] = [];
  if (managerCount === 1) {
    warnings.push(
      notice(
        "single-manager",
        "one manager's estimates: each gap is tested with the one-sample t-test of customers' expectations against that value, which treats the estimate as fixed (no spread among managers is known)",
      ),
    );
  }
  return {
    gap: 1,
    name: "Gap 1: management's perception vs customers' expectations",
    design: "independent-groups",
    unit: "scale points",
    sign: "managers' estimate − customers' expectation; negative = management underestimates",
    instrument: {
      id: instrument.id,
      name: instrument.name,
      scaleMin: instrument.scale.min,
      scaleMax: instrument.scale.max,
    },
    level,
    pAdjustMethod,
    customers: customerCount,
    managers: managerCount,
    items,
    dimensions,
    overall: {
      ...overall,
      test: { ...overall.test, pAdjusted: overall.test.pValue },
      ...itemFigures(items),
    },
    underestimated: misjudged(items, -1, top),
    overestimated: misjudged(items, 1, top),
    warnings,
  };
}
