// An analyst turns a survey CSV export into a gap report (Markdown and JSON), then the five-gap
// report from the bank's other files (management survey, standards, tickets measured in UK
// business hours with the bank holidays, promises, employee survey).
// Run: node examples/analyst-report.mjs [file.csv]
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  contributingFactors,
  crmGapViews,
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
  readHolidaysCsv,
  readManagementSurveyCsv,
  readPromisesCsv,
  readResponsesCsv,
  readStandardsCsv,
} from "servqual/node";
import {
  buildGapReport,
  gapReportResults,
  layoutGapReport,
  renderJson,
  renderMarkdown,
  toVegaLite,
} from "servqual/report";

const file = process.argv[2] ?? fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url));
const { dataset, report } = await readResponsesCsv(file, instruments.servqual22, {
  columns: { segments: ["region", "channel"] },
});
assert.equal(report.rowsIn, report.rowsUsed + report.rowsExcluded);

// A document: sections of typed tables, notes and charts, plus the results it was laid out from.
const document = buildGapReport(dataset, report, {
  title: "Branch network: service-quality gaps",
  source: file,
});
const out = mkdtempSync(join(tmpdir(), "servqual-report-"));
writeFileSync(join(out, "report.md"), renderMarkdown(document));
writeFileSync(join(out, "report.json"), renderJson(document));
// Each chart as a Vega-Lite specification, for vega-embed or the Vega editor.
const charts = document.sections.flatMap((s) => s.blocks).filter((b) => b.kind === "chart");
for (const chart of charts) {
  writeFileSync(join(out, `${chart.id}.vl.json`), JSON.stringify(toVegaLite(chart), null, 2));
}
const gapReport = document.results;

console.log(`Rows in ${report.rowsIn} = used ${report.rowsUsed} + excluded ${report.rowsExcluded}`);
for (const dimension of gapReport.gap5.dimensions) {
  console.log(
    `  ${dimension.label.padEnd(15)} gap ${dimension.gap.mean.toFixed(2)}  (${(dimension.shareNegative * 100).toFixed(0)}% below expectations)`,
  );
}
console.log(
  `Worst item: ${gapReport.worstItems[0].label} (${gapReport.worstItems[0].gap.toFixed(2)})`,
);
console.log(`Report and ${charts.length} chart specifications written to ${out}`);

// The five-gap report from the bank's files (the command does the same with
// `servqual report … --management … --standards … --records … --holidays …`).
const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const bank = await readResponsesCsv(data("demo-bank.csv"), instruments.servqual22);
const holidays = await readHolidaysCsv(
  fileURLToPath(new URL("./data/operations/holidays.csv", import.meta.url)),
);
// The two Scottish holidays are excluded with a reason: the bank's tickets have no Scottish
// region (Capital, Coast, North). For records with one, `{ perRegion: true }` keeps them in
// `regionDates` and `calendar.regionHolidays` closes that region's records on them (the
// command's --holidays does so).
assert.deepEqual(holidays.report.exclusionCounts, { "other-region": 2 });
assert.equal(holidays.dates.length, 8);
const standards = await readStandardsCsv(data("demo-standards.csv"));
const tickets = await readDeliveryRecordsCsv(data("demo-tickets.csv"), {
  standards,
  calendar: { timeZone: "Europe/London", holidays: holidays.dates },
  asOf: "2025-01-31T00:00:00Z",
});
assert.equal(tickets.report.recordsIn, tickets.report.recordsUsed + tickets.report.recordsExcluded);
const results = {
  gap1: gap1(
    bank.dataset,
    await readManagementSurveyCsv(data("demo-management.csv"), instruments.servqual22),
  ),
  gap2: gap2(standards, { customer: bank.dataset }),
  gap3: gap3(tickets, standards),
  gap4: gap4(await readPromisesCsv(data("demo-promises.csv")), tickets, { standards }),
  gap5: gap5(bank.dataset),
  factors: contributingFactors((await readFactorSurveyCsv(data("demo-factors.csv"))).dataset),
};
const model = fiveGapModel(results);
const fiveGapDocument = layoutGapReport({
  ...gapReportResults(bank.dataset, bank.report),
  fiveGap: { model, ...results, crm: crmGapViews(results) },
});
writeFileSync(join(out, "five-gap.md"), renderMarkdown(fiveGapDocument));
console.log("Five gaps (overall, negative = shortfall):");
for (const gap of model.gaps) {
  console.log(`  ${gap.name.padEnd(24)} ${gap.overall?.toFixed(3).padStart(7)} ${gap.unit}`);
}
for (const link of model.links) console.log(`  ${link.dimension}: ${link.cause}`);
assert.ok(fiveGapDocument.sections.some((section) => section.id === "crm-gaps"));
assert.ok(
  model.links.some((link) => link.dimension === "reliability" && link.cause === "knowledge"),
);
