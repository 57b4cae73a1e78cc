/**
 * gap5 against R on the kiosk_servqual oracle (test/fixtures/oracle/kiosk_servqual/reference.json,
 * made by make_reference.R): per item `t.test(P, E, paired = TRUE)`, means and SDs; per
 * dimension the same on rowMeans; overall on the mean of all 24 item gaps.
 */
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { validateResponses } from "../../src/responses/validateResponses";
import { loadReference } from "../oracle/loadOracle";
import { kioskColumns, kioskInstrument, kioskRecords } from "./kioskInstrument";

// biome-ignore lint/suspicious/noExplicitAny: JSON read from the oracle file
const reference: any = loadReference("kiosk_servqual");

function close(actual: number | null, expected: number, relative = 1e-9) {
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThan(relative);
}

const { dataset, report } = validateResponses(kioskRecords, kioskInstrument, {
  columns: kioskColumns,
});
const result = gap5(dataset);

// biome-ignore lint/suspicious/noExplicitAny: oracle entry
function compare(ours: any, r: any) {
  expect(ours.n).toBe(r.n);
  close(ours.required.mean, r.mean_E);
  close(ours.delivered.mean, r.mean_P);
  close(ours.required.sd, r.sd_E);
  close(ours.delivered.sd, r.sd_P);
  close(ours.gap.mean, r.mean_gap);
  close(ours.gap.sd, r.sd_gap);
  close(ours.gap.se, r.se_gap);
  close(ours.gap.ci.lower, r.t_test.conf_low, 1e-6);
  close(ours.gap.ci.upper, r.t_test.conf_high, 1e-6);
  close(ours.tTest.t, r.t_test.t);
  expect(ours.tTest.df).toBe(r.t_test.df);
  close(ours.tTest.pValue, r.t_test.p_value, 1e-6);
  close(ours.effectSize.dz, r.cohen_dz);
}

// biome-ignore lint/suspicious/noExplicitAny: oracle entry
function compareWilcoxon(ours: any, r: any) {
  expect(ours.wilcoxon).not.toBeNull();
  expect(ours.wilcoxon.V).toBe(r.V);
  close(ours.wilcoxon.pValue, r.p_value, 1e-6);
  expect(ours.wilcoxon.method).toBe(r.method);
}

describe("gap5 on the kiosk survey matches R", () => {
  it("keeps all 207 respondents", () => {
    expect(report.rowsIn).toBe(207);
    expect(report.rowsUsed).toBe(207);
    expect(result.respondents).toBe(207);
  });

  it.each(result.items.map((item) => [item.item, item]))("item K%s", (id, item) => {
    compare(item, reference.servqual.items[`K${id}`]);
    expect(item.zero).toBe(reference.servqual.items[`K${id}`].n_zero_diff);
    compareWilcoxon(item, reference.servqual.items[`K${id}`].wilcoxon);
  });

  it.each(result.dimensions.map((d) => [d.dimension, d]))("dimension %s", (id, dimension) => {
    compare(dimension, reference.servqual.dimensions[id as string]);
    // Exact ranks: R's answer on the integer item sums, not its float-noise rowMeans result.
    compareWilcoxon(
      dimension,
      reference.servqual.dimensions[id as string].wilcoxon_on_integer_sums,
    );
  });

  it("adjusts item and dimension p-values by Holm as p.adjust does", () => {
    const adjusted = reference.servqual.p_adjust;
    for (const item of result.items) {
      close(item.tTest.pAdjusted, adjusted.items_t_test.holm[`K${item.item}`], 1e-6);
      close(item.wilcoxon?.pAdjusted ?? null, adjusted.items_wilcoxon.holm[`K${item.item}`], 1e-6);
    }
    for (const dimension of result.dimensions) {
      close(dimension.tTest.pAdjusted, adjusted.dimensions_t_test.holm[dimension.dimension], 1e-6);
      close(
        dimension.wilcoxon?.pAdjusted ?? null,
        adjusted.dimensions_wilcoxon_on_integer_sums.holm[dimension.dimension],
        1e-6,
      );
    }
  });

  it("adjusts by Benjamini–Hochberg when asked", () => {
    const bh = gap5(dataset, { pAdjust: "BH" });
    for (const item of bh.items) {
      close(
        item.tTest.pAdjusted,
        reference.servqual.p_adjust.items_t_test.BH[`K${item.item}`],
        1e-6,
      );
    }
  });

  it("overall item mean equals R's mean over all item gaps", () => {
    compare(result.overall.itemMean, reference.servqual.overall);
    compareWilcoxon(result.overall.itemMean, reference.servqual.overall.wilcoxon_on_integer_sums);
  });

  it("mean of dimension gaps equals R's unweighted mean of dimension mean gaps", () => {
    close(
      result.overall.meanOfDimensionGaps,
      reference.servqual.overall.unweighted_mean_of_dimension_mean_gaps,
    );
  });

  it.each(["E", "P", "gap"] as const)(
    "carries psych::alpha of the %s items of every dimension",
    (facet) => {
      const key = { E: "expectation", P: "perception", gap: "gap" } as const;
      expect(result.reliability).not.toBeNull();
      for (const entry of result.reliability ?? []) {
        const r = reference.alpha[facet][entry.dimension].pairwise;
        const ours = entry[key[facet]];
        close(ours?.alpha.rawAlpha ?? null, r.raw_alpha);
        close(ours?.alpha.standardizedAlpha ?? null, r.std_alpha);
        close(ours?.alpha.feldt.lower ?? null, r.feldt_95.lower, 1e-6);
        close(ours?.alpha.feldt.upper ?? null, r.feldt_95.upper, 1e-6);
      }
    },
  );

  it("warns where the gap score is less reliable than perceptions alone", () => {
    for (const entry of result.reliability ?? []) {
      const alphaP = entry.perception?.alpha.rawAlpha ?? null;
      const flagged = entry.warnings.some((w) =>
        w.message.includes("less reliable than perceptions"),
      );
      expect(flagged).toBe(
        entry.differenceScore !== null && alphaP !== null && entry.differenceScore < alphaP,
      );
    }
  });

  it("has no importance weights, so no weighted overall", () => {
    expect(result.overall.weighted).toBeNull();
  });
});
