/** A scratch folder for CSV tests that read in worker threads, with the worker bundled into it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { afterAll } from "vitest";
import { repoFile } from "./csvFixtures";

/**
 * Makes a temporary folder (removed after the test file) and bundles the CSV worker's entry
 * from the sources into it: the worker runs as plain JavaScript.
 */
export function workerScratch(prefix: string): {
  readonly scratch: string;
  readonly workerUrl: URL;
} {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const workerFile = join(scratch, "csvWorker.mjs");
  buildSync({
    entryPoints: [repoFile("src/io/csvWorker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: workerFile,
    logLevel: "silent",
  });
  return { scratch, workerUrl: pathToFileURL(workerFile) };
}
