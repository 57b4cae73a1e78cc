/**
 * The demo report with its five-gap sections, as `servqual demo` lays it out: Gap 5 from the
 * survey and gaps 1–4 from the bank's operational demo files (data/DEMO.md).
 */
import { join } from "node:path";
import { contributingFactors } from "../../src/gaps/contributingFactors";
import { fiveGapModel } from "../../src/gaps/fiveGapModel";
import { gap1 } from "../../src/gaps/gap1";
import { gap2 } from "../../src/gaps/gap2";
import { gap3 } from "../../src/gaps/gap3";
import { gap4 } from "../../src/gaps/gap4";
import { readDeliveryRecordsCsv } from "../../src/io/readDeliveryRecordsCsv";
import { readFactorSurveyCsv } from "../../src/io/readFactorSurveyCsv";
import { readManagementSurveyCsv } from "../../src/io/readManagementSurveyCsv";
import { readPromisesCsv } from "../../src/io/readPromisesCsv";
import { readStandardsCsv } from "../../src/io/readStandardsCsv";
import type { ReportDocument } from "../../src/report/document";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import type { GapReport } from "../../src/report/types";
import type { Dataset, ValidationReport } from "../../src/responses/types";
import { repoRoot } from "../bundle/bundleFromDist";

/** The gap report of the demo survey with gaps 1–4, the diagnosis and the factors. */
export async function fiveGapDemoReport(
  dataset: Dataset,
  report: ValidationReport,
): Promise<ReportDocument<GapReport>> {
  const data = (name: string) => join(repoRoot, "data", name);
  const managers = await readManagementSurveyCsv(data("demo-management.csv"), dataset.instrument);
  const standards = await readStandardsCsv(data("demo-standards.csv"));
  const records = await readDeliveryRecordsCsv(data("demo-tickets.csv"), {
    standards,
    asOf: "2025-01-31T00:00:00Z",
  });
  const promises = await readPromisesCsv(data("demo-promises.csv"));
  const employees = await readFactorSurveyCsv(data("demo-factors.csv"));
  const results = gapReportResults(dataset, report, {
    title: "Harbourline Bank",
    source: "demo-bank.csv",
  });
  const provider = {
    gap1: gap1(dataset, managers),
    gap2: gap2(standards, { customer: dataset }),
    gap3: gap3(records, standards),
    gap4: gap4(promises, records, { standards }),
    factors: contributingFactors(employees.dataset),
  };
  const model = fiveGapModel({
    ...provider,
    ...(results.gap5 === null ? {} : { gap5: results.gap5 }),
  });
  return layoutGapReport({ ...results, fiveGap: { model, ...provider } });
}
