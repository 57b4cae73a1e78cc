import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", report: "src/report.ts", node: "src/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    platform: "neutral",
    treeshake: true,
    splitting: false,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    // The worker of the parallel CSV reader, loaded by servqual/node (ESM and CJS) from dist/.
    entry: { csvWorker: "src/io/csvWorker.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
  },
]);
