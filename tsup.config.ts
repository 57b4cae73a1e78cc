import { readFileSync } from "node:fs";
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
      args.kind === "entry-point" || args.importer.includes("/node_modules/")
        ? undefined
        : { path: `${args.path}${extension}`, external: true },
    );
  },
};

/**
 * `debug`, which `@stdlib/math-base-special-gammaincinv` requires for messages printed only
 * under `DEBUG=gammaincinv:*`, becomes a no-op in the bundled distributions (it needs Node's
 * `tty`, `fs` and `net`, and the distributions run in browsers too).
 */
const noDebug: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "no-debug",
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: "debug", namespace: "no-debug" }));
    build.onLoad({ filter: /.*/, namespace: "no-debug" }, () => ({
      contents: "module.exports = function createDebug() { return function debug() {}; };",
      loader: "js",
    }));
  },
};

export default defineConfig([
  {
    // The command (src/cli.ts and src/cli/) is bundled into dist/cli.js by the second build.
    entry: [
      "src/**/*.ts",
      "!src/cli.ts",
      "!src/cli/**",
      "!src/stats/distributions/stdlib/**",
      "!src/stats/simpleStatistics.ts",
    ],
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
    // `@stdlib`'s distributions, bundled into their one internal module each
    // (src/stats/distributions/stdlib/*.ts, imported by the modules above as sibling files)
    // instead of imported at run time: each package is a tree of hundreds of small CommonJS
    // files (the four that servqual/sql uses: 478 files of 154 packages), whose loading cost
    // more than everything else an entry imports (bench/README.md, "Import cost"). Minified:
    // unminified, the bundled CommonJS wrappers keep each file's path as a string, 29 KB more
    // in a browser bundle. The ES modules share their common code in chunks beside them.
    entry: ["src/stats/distributions/stdlib/*.ts"],
    outDir: "dist/stats/distributions/stdlib",
    format: ["esm", "cjs"],
    dts: false,
    clean: false,
    minify: true,
    target: "node20",
    platform: "neutral",
    noExternal: [/^@stdlib\//],
    esbuildOptions(options) {
      options.mainFields = ["main"];
    },
    esbuildPlugins: [noDebug],
  },
  {
    // `simple-statistics`' median and sample variance, bundled into src/stats/simpleStatistics.ts's
    // output (the package is one 167 KB file; its ES module build lets the bundle keep the two).
    entry: { "stats/simpleStatistics": "src/stats/simpleStatistics.ts" },
    format: ["esm", "cjs"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "neutral",
    noExternal: ["simple-statistics"],
    // its ISC licence asks for the notice in every copy
    banner: {
      js: `/*! simple-statistics (bundled)\n${readFileSync("node_modules/simple-statistics/LICENSE", "utf8")}*/`,
    },
    esbuildOptions(options) {
      options.mainFields = ["module", "main"];
    },
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
