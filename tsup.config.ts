import { defineConfig, type Options } from "tsup";

/** The package's entries (`servqual`, `servqual/report`, `servqual/node`). */
const entries = { index: "src/index.ts", report: "src/report.ts", node: "src/node.ts" };

/**
 * Keeps relative imports as imports of the sibling `.js` file, so that each source module is
 * emitted as its own ESM file and a bundler keeps only the modules an import reaches.
 */
const perModule: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "per-module",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === "entry-point" ? undefined : { path: `${args.path}.js`, external: true },
    );
  },
};

export default defineConfig([
  {
    // CommonJS: one file per entry, with its .d.cts.
    entry: entries,
    format: ["cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    platform: "neutral",
    treeshake: true,
    splitting: false,
  },
  {
    // ESM: one file per source module (dist/ mirrors src/), with .d.ts for the entries.
    entry: ["src/**/*.ts", "!src/cli.ts"],
    format: ["esm"],
    dts: { entry: entries },
    sourcemap: false,
    clean: false,
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
  },
]);
