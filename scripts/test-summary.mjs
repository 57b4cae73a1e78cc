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
// Browser tests skipped for want of Chromium: say so plainly, with the way to install it.
const skippedBrowser = (unit.testResults ?? []).filter(
  (file) =>
    /test[\\/]browser[\\/]/.test(file.name) &&
    (file.assertionResults ?? []).some(
      (test) => test.status === "skipped" || test.status === "pending",
    ),
);
if (skippedBrowser.length > 0) {
  console.log(
    `servqual: the browser tests were SKIPPED (${skippedBrowser.length} file(s)): Chromium was not found. Install it with \`apt-get install -y chromium\` or set SERVQUAL_CHROMIUM; SERVQUAL_REQUIRE_BROWSER=1 (or CI=true) makes them mandatory.`,
  );
}
process.exitCode = failed > 0 ? 1 : 0;
