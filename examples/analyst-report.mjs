// An analyst turns a survey CSV export into a gap report (Markdown and JSON).
// Run: node examples/analyst-report.mjs [file.csv]
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { instruments } from "servqual";
import { readResponsesCsv } from "servqual/node";
import { buildGapReport, renderJson, renderMarkdown, toVegaLite } from "servqual/report";

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
