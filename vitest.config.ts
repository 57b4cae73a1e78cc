import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "threads",
    // one fixed fast-check seed unless SERVQUAL_FC_SEED says otherwise (see the file)
    setupFiles: ["test/_setup/fastCheckSeed.ts"],
    maxWorkers: 2,
    // The machines are shared; a slow moment must not fail a correct test. Speed is measured
    // in benchmarks (npm run bench), never by timeouts.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
