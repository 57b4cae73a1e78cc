// A researcher re-analyses a real published survey: the K-SERVQUAL kiosk study (207 users,
// 24 items in 8 dimensions; MIT-licensed data in examples/data/kiosk_servqual, see SOURCE.md).
// Run: node examples/researcher-kiosk.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineInstrument, gap5 } from "servqual";
import { readResponsesCsv } from "servqual/node";

const folder = new URL("./data/kiosk_servqual/", import.meta.url);
const map = JSON.parse(readFileSync(new URL("items.json", folder), "utf8"));

// The authors' eight dimensions; item ids 1..24 so that columns E1..E24 / P1..P24 match.
const kiosk = defineInstrument({
  id: "k-servqual-kiosk",
  name: "K-SERVQUAL (self-service kiosks)",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: map.dimension_order.map((dimension) => ({
    id: dimension,
    label: dimension,
    items: map.dimensions[dimension].map((item) => ({
      id: item.slice(1),
      label: `K${item.slice(1)}`,
    })),
  })),
});

const { dataset, report } = await readResponsesCsv(
  fileURLToPath(new URL("data.csv", folder)),
  kiosk,
  {
    columns: { id: "respondent", expectation: "E{item}", perception: "P{item}", segments: ["sex"] },
  },
);
assert.equal(report.rowsUsed, 207);

const result = gap5(dataset);
console.log("K-SERVQUAL kiosk survey, gap = P − E (n = 207)");
console.log("dimension          E      P    gap   95% CI");
for (const d of result.dimensions) {
  console.log(
    `${d.dimension.padEnd(16)} ${d.required.mean.toFixed(2)}  ${d.delivered.mean.toFixed(2)}  ${d.gap.mean.toFixed(2).padStart(5)}  [${d.gap.ci.lower.toFixed(2)}, ${d.gap.ci.upper.toFixed(2)}]`,
  );
}
const overall = result.overall.itemMean.gap;
console.log(
  `overall (mean of 24 item gaps): ${overall.mean.toFixed(3)} [${overall.ci.lower.toFixed(3)}, ${overall.ci.upper.toFixed(3)}]`,
);
// R: mean(rowMeans(P) - rowMeans(E)) on the same file (shared oracle, servqual.overall.mean_gap)
assert.ok(Math.abs(overall.mean - -1.1020531400966183) < 1e-9);
