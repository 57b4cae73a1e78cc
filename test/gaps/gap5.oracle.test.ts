/**
 * gap5 against R on the kiosk_servqual oracle (shared/oracle/kiosk_servqual/reference.json,
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
  close(ours.expectation.mean, r.mean_E);
  close(ours.perception.mean, r.mean_P);
  close(ours.expectation.sd, r.sd_E);
  close(ours.perception.sd, r.sd_P);
  close(ours.gap.mean, r.mean_gap);
  close(ours.gap.sd, r.sd_gap);
  close(ours.gap.se, r.se_gap);
  close(ours.gap.ci.lower, r.t_test.conf_low, 1e-6);
  close(ours.gap.ci.upper, r.t_test.conf_high, 1e-6);
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
  });

  it.each(result.dimensions.map((d) => [d.dimension, d]))("dimension %s", (id, dimension) => {
    compare(dimension, reference.servqual.dimensions[id as string]);
  });

  it("overall item mean equals R's mean over all item gaps", () => {
    compare(result.overall.itemMean, reference.servqual.overall);
  });

  it("mean of dimension gaps equals R's unweighted mean of dimension mean gaps", () => {
    close(
      result.overall.meanOfDimensionGaps,
      reference.servqual.overall.unweighted_mean_of_dimension_mean_gaps,
    );
  });

  it("has no importance weights, so no weighted overall", () => {
    expect(result.overall.weighted).toBeNull();
  });
});
