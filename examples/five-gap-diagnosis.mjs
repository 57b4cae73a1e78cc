// A service manager asks why customers are disappointed: Gap 5 from the customer survey, gaps
// 1–4 from what the bank already has (a management survey, its service standards, a year of
// tickets, its advertised promises) and an employee survey of the contributing factors, joined
// by the five-gap model into a diagnosis with the numbers behind each link.
// Run: node examples/five-gap-diagnosis.mjs
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  contributingFactors,
  fiveGapModel,
  gap1,
  gap2,
  gap3,
  gap4,
  gap5,
  instruments,
} from "servqual";
import {
  readDeliveryRecordsCsv,
  readFactorSurveyCsv,
  readManagementSurveyCsv,
  readPromisesCsv,
  readResponsesCsv,
  readStandardsCsv,
} from "servqual/node";
import { gapReportResults, layoutGapReport, renderHtml, renderMarkdown } from "servqual/report";

const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const instrument = instruments.servqual22;

const customers = await readResponsesCsv(data("demo-bank.csv"), instrument);
const managers = await readManagementSurveyCsv(data("demo-management.csv"), instrument);
const standards = await readStandardsCsv(data("demo-standards.csv"));
// The tickets are of 2024: check them as of the end of January 2025 (nothing may be later).
const records = await readDeliveryRecordsCsv(data("demo-tickets.csv"), {
  standards,
  asOf: "2025-01-31T00:00:00Z",
});
const promises = await readPromisesCsv(data("demo-promises.csv"));
const employees = await readFactorSurveyCsv(data("demo-factors.csv"));
const { recordsIn, recordsUsed, recordsExcluded } = records.report;
assert.equal(recordsIn, recordsUsed + recordsExcluded);

const results = {
  gap1: gap1(customers.dataset, managers),
  gap2: gap2(standards, { customer: customers.dataset }),
  gap3: gap3(records, standards),
  gap4: gap4(promises, records, { standards }),
  gap5: gap5(customers.dataset),
  factors: contributingFactors(employees.dataset),
};
const model = fiveGapModel(results);

for (const gap of model.gaps) {
  console.log(`${gap.name.padEnd(24)} ${gap.overall?.toFixed(3).padStart(7)} ${gap.unit}`);
}
for (const link of model.links) {
  const [shortfall, cause] = link.evidence;
  console.log(
    `${link.dimension}: Gap 5 ${shortfall.value.toFixed(2)} → ${link.cause} (${cause.measure} ${cause.value.toFixed(2)} ${cause.unit}); weakest factor: ${link.factors?.[0]?.label}`,
  );
}
assert.deepEqual(
  model.links.map((l) => `${l.dimension} ${l.cause}`),
  [
    "reliability knowledge",
    "responsiveness delivery",
    "responsiveness communication",
    "empathy standards",
  ],
);

// The same results in a report: the five-gap sections join the Gap 5 report.
const document = layoutGapReport({
  ...gapReportResults(customers.dataset, customers.report, { title: "Harbourline Bank" }),
  fiveGap: { model, ...results },
});
const out = mkdtempSync(join(tmpdir(), "servqual-five-gap-"));
writeFileSync(join(out, "report.md"), renderMarkdown(document));
writeFileSync(join(out, "report.html"), renderHtml(document));
console.log(`Report: ${join(out, "report.html")}`);
