// A CRM developer validates one customer's SERVQUAL answers as they arrive and shows the
// customer's gaps per dimension. Run: node examples/crm-developer.mjs
import assert from "node:assert/strict";
import { gap5, instruments, ServqualError, validateResponses } from "servqual";

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
