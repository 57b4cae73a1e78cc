// A CRM developer validates one customer's SERVQUAL answers as they arrive and shows the
// customer's gaps per dimension; then reads the customer's relationship stage from CRM events
// and the bank's customers at risk of dissolution; last, Gap 3 and Gap 4 from the CRM's ticket
// records (arrays, as an API returns them) and the gaps in CRM terms.
// Run: node examples/crm-developer.mjs
import assert from "node:assert/strict";
import {
  classifyStage,
  crmGapViews,
  dissolutionWarnings,
  gap3,
  gap4,
  gap5,
  instruments,
  relationshipFeatures,
  ServqualError,
  validateDeliveryRecords,
  validateEvents,
  validatePromises,
  validateResponses,
  validateStandards,
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

// Tickets from the CRM's API: first reply within 2 business hours (Mon–Fri 09:00–17:00,
// Europe/London) for 90% of tickets, and the website's promise "a reply within 1 business hour".
const standards = validateStandards([
  {
    id: "first-reply",
    attribute: "first-reply",
    dimension: "responsiveness",
    formal: true,
    metric: "first-response",
    target: 2,
    unit: "business-hours",
    direction: "lower-is-better",
    targetShare: 0.9,
  },
]);
const tickets = validateDeliveryRecords(
  [
    // Mon 09:30 → 10:30: 1 business hour
    {
      id: "c1",
      attribute: "first-reply",
      created: "2025-03-03T09:30:00Z",
      firstResponse: "2025-03-03T10:30:00Z",
    },
    // Mon 16:00 → Tue 10:30: 1 + 1.5 = 2.5 business hours (missed by 0.5)
    {
      id: "c2",
      attribute: "first-reply",
      created: "2025-03-03T16:00:00Z",
      firstResponse: "2025-03-04T10:30:00Z",
    },
    // Fri 16:30 → Mon 09:45: 0.5 + 0.75 = 1.25
    {
      id: "c3",
      attribute: "first-reply",
      created: "2025-03-07T16:30:00Z",
      firstResponse: "2025-03-10T09:45:00Z",
    },
    // Sat 10:00 → Mon 10:00: the weekend is closed, 1
    {
      id: "c4",
      attribute: "first-reply",
      created: "2025-03-08T10:00:00Z",
      firstResponse: "2025-03-10T10:00:00Z",
    },
    // an id the CRM sent twice: excluded with a reason, never silently dropped
    { id: "c4", attribute: "first-reply", created: "2025-03-08T10:00:00Z" },
  ],
  { standards, calendar: { timeZone: "Europe/London" }, asOf: "2025-04-01T00:00:00Z" },
);
assert.deepEqual(tickets.report.exclusionCounts, { "duplicate-id": 1 });
const delivery = gap3(tickets, standards);
const reply = delivery.items[0];
console.log(
  `First reply within 2 business hours: ${reply.met}/${reply.evaluated} (${reply.compliance}), gap ${reply.gap.toFixed(2)} against ${reply.targetShare}`,
);
assert.equal(reply.compliance, 0.75); // c1, c3, c4 met; c2 missed
assert.ok(Math.abs(reply.gap - -0.15) < 1e-12);
const promises = validatePromises([
  {
    id: "web-1h",
    attribute: "first-reply",
    metric: "first-response",
    promisedLevel: 1,
    unit: "business-hours",
    direction: "lower-is-better",
    from: "2025-03-01",
    to: "2025-03-31",
    exposures: 12000,
  },
]);
const communication = gap4(promises, tickets, { standards });
console.log(
  `Promise kept: ${communication.items[0].keptRate} (c1 and c4 within 1 hour; c2, c3 not)`,
);
assert.equal(communication.items[0].keptRate, 0.5);

// The same results under the names a CRM team uses: no new computation, each number with its path.
const crm = crmGapViews({ gap3: delivery, gap4: communication });
for (const view of crm.views.filter((v) => v.present)) {
  for (const figure of view.figures) {
    console.log(`  ${view.name}: ${figure.value.toFixed(2)} ${figure.unit} (${figure.path})`);
  }
}
const responsiveness = crm.views.find((v) => v.term === "responsiveness-gap");
assert.equal(responsiveness.figures[0].value, reply.gap);
assert.equal(crm.views.find((v) => v.term === "communication-gap").figures[0].value, -0.5);
