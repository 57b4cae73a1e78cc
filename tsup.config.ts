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
    // The library is not bundled into the command: cli.js imports ./node.js and ./report.js (the
    // package's own entries) when a command runs, so --help and usage errors load no library code.
    esbuildPlugins: [
      {
        name: "library-stays-external",
        setup(build) {
          build.onResolve({ filter: /^\.\/(node|report)\.js$/ }, (args) => ({
            path: args.path,
            external: true,
          }));
        },
      },
    ],
  },
]);
