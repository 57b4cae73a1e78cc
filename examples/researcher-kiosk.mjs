// A researcher re-analyses a real published survey: the K-SERVQUAL kiosk study (207 users,
// 24 items in 8 dimensions; MIT-licensed data in examples/data/kiosk_servqual, see SOURCE.md).
// Then Gap 1 of the demo bank (customers' expectations vs managers' estimates: Welch's t and
// Hedges' g per dimension) and the contributing-factor indices of its employee survey with
// Cronbach's alpha per factor. Run: node examples/researcher-kiosk.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contributingFactors, defineInstrument, gap1, gap5, instruments } from "servqual";
import { readFactorSurveyCsv, readManagementSurveyCsv, readResponsesCsv } from "servqual/node";

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

// Gap 1 (knowledge): managers' estimates of customers' expectations − customers' expectations.
const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const customers = await readResponsesCsv(data("demo-bank.csv"), instruments.servqual22);
const managers = await readManagementSurveyCsv(data("demo-management.csv"), instruments.servqual22);
const knowledge = gap1(customers.dataset, managers);
console.log(
  "\nDemo bank, Gap 1 = managers' estimate − customers' E (Welch; Holm across dimensions)",
);
for (const d of knowledge.dimensions) {
  const { t, df, pAdjusted } = d.test;
  const g = d.effectSize;
  console.log(
    `${d.dimension.padEnd(15)} ${d.gap.mean.toFixed(2).padStart(5)}  t(${df.toFixed(1)}) = ${t.toFixed(2)}, p(Holm) = ${pAdjusted.toFixed(4)}, g = ${g.g.toFixed(2)} [${g.ci.lower.toFixed(2)}, ${g.ci.upper.toFixed(2)}]`,
  );
}
// The demo's managers underestimate what customers expect of reliability (data/DEMO.md).
const reliability = knowledge.dimensions.find((d) => d.dimension === "reliability");
assert.ok(reliability.gap.mean < 0 && reliability.test.method === "welch");
assert.ok(reliability.effectSize.ci.upper < 0);

// Contributing factors (Zeithaml, Berry & Parasuraman 1988): index 0–100 and alpha per factor.
const employees = await readFactorSurveyCsv(data("demo-factors.csv"));
const factors = contributingFactors(employees.dataset);
console.log(`\nContributing factors (${factors.respondents} employees): index [CI], alpha`);
for (const f of factors.factors) {
  console.log(
    `Gap ${f.gap} ${f.label.padEnd(34)} ${f.index.toFixed(1).padStart(5)} [${f.ci.lower.toFixed(1)}, ${f.ci.upper.toFixed(1)}]  alpha ${f.alpha === null ? "—" : f.alpha.toFixed(2)}`,
  );
}
assert.equal(employees.report.rowsIn, employees.report.rowsUsed + employees.report.rowsExcluded);
assert.ok(factors.factors.every((f) => f.index === null || (f.index >= 0 && f.index <= 100)));
