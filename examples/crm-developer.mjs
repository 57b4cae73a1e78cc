// A CRM developer validates one customer's SERVQUAL answers as they arrive and shows the
// customer's gaps per dimension; then reads the customer's relationship stage from CRM events
// and the bank's customers at risk of dissolution. Run: node examples/crm-developer.mjs
import assert from "node:assert/strict";
import {
  classifyStage,
  dissolutionWarnings,
  gap5,
  instruments,
  relationshipFeatures,
  ServqualError,
  validateEvents,
  validateResponses,
} from "servqual";
import { readEventsCsv } from "servqual/node";

const instrument = instruments.servqual22;

// One customer's answers, as a form would post them (E = expected, P = perceived, 1..7).
const answers = { respondent_id: "cust-10042", date: "2025-03-14" };
for (let item = 1; item <= 22; item++) {
  answers[`E_${item}`] = item <= 9 ? 7 : 6;
  answers[`P_${item}`] = item === 8 ? 3 : item <= 4 ? 6 : 5;
}

const { dataset, report } = validateResponses([answers], instrument);
assert.equal(report.rowsUsed, 1);

const gaps = gap5(dataset);
console.log(
  `Customer ${dataset.ids[0]}: overall gap ${gaps.overall.unweighted.gap.mean?.toFixed(2)}`,
);
for (const dimension of gaps.dimensions) {
  const gap = dimension.gap.mean;
  const flag = gap !== null && gap < 0 ? "shortfall" : "met";
  console.log(`  ${dimension.label.padEnd(15)} ${gap?.toFixed(2).padStart(6)}  ${flag}`);
}
const worst = [...gaps.items].sort((a, b) => (a.gap.mean ?? 0) - (b.gap.mean ?? 0))[0];
console.log(`  Worst item: ${worst.item} "${worst.label}" (${worst.gap.mean})`);
assert.equal(worst.item, "8");

// A bad answer is reported with row, column and reason, never silently dropped.
const typo = { ...answers, P_3: "77" };
const checked = validateResponses([typo], instrument);
const issue = checked.report.issues.find((i) => i.column === "P_3");
console.log(`  Rejected: row ${issue.row}, column ${issue.column}: ${issue.message}`);
assert.equal(issue.code, "out-of-range");

// Nothing usable at all is an error the app can show.
try {
  validateResponses([{ respondent_id: "x", note: "no answers" }], instrument);
  assert.fail("expected a ServqualError");
} catch (error) {
  assert.ok(error instanceof ServqualError);
  console.log(`  Error for a form without answers: ${error.issues[0].message.slice(0, 80)}…`);
}

// The customer's CRM history: where does the relationship stand, and why? An account opened
// in 2021, then a purchase every 45 days of about the same value across three products.
const history = [
  {
    id: "a0",
    customer: "cust-10042",
    timestamp: "2021-05-03",
    type: "contract",
    product: "current-account",
  },
];
const products = ["card", "savings", "insurance"];
for (let k = 0; k < 17; k++) {
  const day = new Date(Date.UTC(2023, 2, 1) + k * 45 * 86_400_000).toISOString().slice(0, 10);
  history.push({
    id: `p${k}`,
    customer: "cust-10042",
    timestamp: day,
    type: "purchase",
    value: 300 + (k % 2) * 5,
    product: products[k % 3],
  });
}
const { events } = validateEvents(history);
const [customer] = relationshipFeatures(events, { asOf: "2025-03-01" }).customers;
const stage = classifyStage(customer);
console.log(`  Stage: ${stage.stage} (confidence ${stage.confidence.toFixed(2)})`);
for (const e of stage.evidence.filter((e) => e.stage === stage.stage && e.met)) {
  console.log(`    ${e.criterion}: ${JSON.stringify(e.value)} (${e.threshold})`);
}
assert.equal(stage.stage, "commitment");

// The demo bank's CRM export: who is drifting away, with the evidence.
const demoEvents = new URL("../data/demo-events.csv", import.meta.url);
const read = await readEventsCsv(demoEvents, { asOf: "2025-12-31T23:59:59.999Z" });
assert.equal(read.report.eventsIn, read.report.eventsUsed + read.report.eventsExcluded);
const atRisk = dissolutionWarnings(
  relationshipFeatures(read.events, { asOf: "2025-12-31T23:59:59.999Z" }),
);
console.log(`Demo bank: ${atRisk.customers.length} of ${atRisk.checked} active customers at risk`);
for (const c of atRisk.customers.slice(0, 3)) {
  console.log(`  ${c.customer}: ${c.signals.map((s) => s.signal).join(", ")}`);
}
assert.ok(atRisk.customers.length >= 40);
