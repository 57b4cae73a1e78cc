// The last line of `npm test`: unit tests (vitest's JSON report) and examples added up.
import { readFileSync } from "node:fs";

const read = (name) =>
  JSON.parse(readFileSync(new URL(`../.tmp/${name}`, import.meta.url), "utf8"));
const unit = read("vitest.json");
const examples = read("examples.json");
const passed = unit.numPassedTests + examples.passed;
const failed = unit.numFailedTests + examples.failed;
const skipped = unit.numPendingTests + unit.numTodoTests;
console.log(
  `servqual: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`,
);
process.exitCode = failed > 0 ? 1 : 0;
