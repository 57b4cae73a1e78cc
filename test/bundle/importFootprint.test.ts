/**
 * What importing a built entry loads, in a fresh Node process (test/bundle/loadedModules.mjs
 * lists every file Node loaded). `servqual/sql` runs beside a database driver in a process that
 * should stay small (issue 17's 200 MB target), so it must not load the date-fns root (all of
 * date-fns: +19 MiB and 256 ms measured) nor `@stdlib`'s packages: the build bundles each
 * `@stdlib` distribution into its one internal module (src/stats/distributions/stdlib/), one
 * file instead of about 480 CommonJS files of 154 packages (−6 MiB RSS and about half the
 * import time of `servqual/sql`; bench/README.md, "Import cost"). Asserted on the list of
 * loaded files, not on timing or memory.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, requireBuiltPackage } from "./bundleFromDist";

function loadedFiles(file: string, mode: "import" | "require"): string[] {
  requireBuiltPackage();
  const args = [join(repoRoot, "test", "bundle", "loadedModules.mjs"), join(repoRoot, file)];
  if (mode === "require") args.push("--require");
  const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as string[]).map((path) =>
    relative(repoRoot, path).split(sep).join("/"),
  );
}

function fromPackage(files: readonly string[], name: string): string[] {
  return files.filter((file) => file.includes(`node_modules/${name}/`));
}

describe("files loaded by importing a built entry", () => {
  for (const [entry, mode] of [
    ["dist/sql.js", "import"],
    ["dist/sql.cjs", "require"],
  ] as const) {
    it(`${mode} ${entry} (servqual/sql): no date-fns root, no @stdlib package, no zod`, () => {
      const files = loadedFiles(entry, mode);
      expect(files).toContain(entry);
      // the SQL finishing code really is loaded (its distributions come bundled)
      expect(files.some((file) => file.startsWith("dist/sql/finishGapSql."))).toBe(true);
      expect(files.some((file) => file.startsWith("dist/stats/distributions/stdlib/"))).toBe(true);
      expect(files.filter((file) => /node_modules\/date-fns\/index\.c?js$/.test(file))).toEqual([]);
      expect(fromPackage(files, "@stdlib")).toEqual([]);
      expect(fromPackage(files, "debug")).toEqual([]);
      expect(fromPackage(files, "zod")).toEqual([]);
    });
  }

  it("import dist/index.js (servqual): no date-fns root and no @stdlib package", () => {
    const files = loadedFiles("dist/index.js", "import");
    expect(files).toContain("dist/index.js");
    expect(files.filter((file) => /node_modules\/date-fns\/index\.c?js$/.test(file))).toEqual([]);
    expect(fromPackage(files, "@stdlib")).toEqual([]);
    expect(fromPackage(files, "debug")).toEqual([]);
  });
});

describe("@stdlib is reached through src/stats/distributions/stdlib/ only", () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );
  }

  it("no other source module imports an @stdlib package (the build would bundle a second copy)", () => {
    const importing = sourceFiles(join(repoRoot, "src"))
      .filter((file) => /from\s+["']@stdlib\//.test(readFileSync(file, "utf8")))
      .map((file) => relative(repoRoot, file).split(sep).join("/"));
    expect(importing.length).toBeGreaterThan(0);
    expect(importing.filter((file) => !file.startsWith("src/stats/distributions/stdlib/"))).toEqual(
      [],
    );
  });
});
