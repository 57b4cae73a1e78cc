// Runs every script in examples/ against the built package; fails on the first failure.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const folder = new URL("../examples/", import.meta.url);
const scripts = readdirSync(folder)
  .filter((name) => name.endsWith(".mjs"))
  .sort();
let failed = 0;
for (const name of scripts) {
  const result = spawnSync(process.execPath, [join(folder.pathname, name)], { encoding: "utf8" });
  if (result.status === 0) {
    console.log(`example ${name}: ok`);
  } else {
    failed += 1;
    console.log(
      `example ${name}: FAILED (exit ${result.status})\n${result.stdout}\n${result.stderr}`,
    );
  }
}
console.log(`examples: ${scripts.length - failed} passed, ${failed} failed`);
mkdirSync(new URL("../.tmp/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("../.tmp/examples.json", import.meta.url),
  JSON.stringify({ passed: scripts.length - failed, failed }),
);
process.exitCode = failed > 0 ? 1 : 0;
