import { defineConfig, type Options } from "tsup";

/** The package's entries (`servqual`, `servqual/report`, `servqual/node`, `servqual/sql`): their type declarations. */
const entries = {
  index: "src/index.ts",
  report: "src/report.ts",
  node: "src/node.ts",
  sql: "src/sql.ts",
};

/**
 * Keeps relative imports as imports of the sibling output file (`.js` in ESM, `.cjs` in CJS),
 * so that each source module is emitted as its own file (dist/ mirrors src/) and a bundler
 * keeps only the modules an import reaches.
 */
const perModule: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "per-module",
  setup(build) {
    const extension = build.initialOptions.format === "cjs" ? ".cjs" : ".js";
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === "entry-point"
        ? undefined
        : { path: `${args.path}${extension}`, external: true },
    );
  },
};

export default defineConfig([
  {
    // The command (src/cli.ts and src/cli/) is bundled into dist/cli.js by the second build.
    entry: ["src/**/*.ts", "!src/cli.ts", "!src/cli/**"],
    format: ["esm", "cjs"],
    dts: { entry: entries },
    sourcemap: false,
    clean: true,
    target: "node20",
    platform: "neutral",
    esbuildPlugins: [perModule],
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
  {
    // The worker of the parallel CSV reader, loaded by servqual/node (ESM and CJS) from dist/.
    entry: { csvWorker: "src/io/csvWorker.ts", eventWorker: "src/io/eventWorker.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
  },
]);
