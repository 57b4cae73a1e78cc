/**
 * Bundles a small entry file that imports from "servqual" the way a web application would:
 * esbuild resolves "servqual" to this repository's package.json (a package may import itself
 * by name), so the bundle is made of the BUILT files in dist/, not of src/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Throws a sentence saying what to run when dist/ has not been built. */
export function requireBuiltPackage(): void {
  for (const file of ["dist/index.js", "dist/index.cjs"]) {
    if (!existsSync(join(repoRoot, file))) {
      throw new Error(
        `${file} is missing: these tests bundle the built package. Run \`npm run build\` first ` +
          "(`npm test` builds before it runs vitest).",
      );
    }
  }
}

/** A bundle: its minified text, its size in bytes and the files it was made of. */
export interface Bundle {
  readonly text: string;
  readonly bytes: number;
  /** The files that contributed code to the bundle (not those tree-shaken away). */
  readonly inputs: readonly string[];
}

/** Bundles `source` (an ES module importing "servqual") minified for the browser. */
export async function bundleFromDist(source: string): Promise<Bundle> {
  requireBuiltPackage();
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, ".tmp", "bundle-"));
  try {
    const entry = join(dir, "entry.js");
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: repoRoot,
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error("esbuild wrote no output");
    const contributions = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
    return {
      text: output.text,
      bytes: output.contents.byteLength,
      inputs: Object.entries(contributions)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
