/**
 * What importing a built entry loads, in a fresh Node process (test/bundle/loadedModules.mjs
 * lists every file Node loaded). `servqual/sql` runs beside a database driver in a process that
 * should stay small (issue 17's 200 MB target), so it must not load the date-fns root (all of
 * date-fns: +19 MiB and 256 ms measured) nor `@stdlib`'s packages: the build bundles each
 * `@stdlib` distribution into its one internal module (src/stats/distributions/stdlib/): a few
 * files instead of about 480 CommonJS files of 154 packages; `simple-statistics` (one 167 KB
 * file) likewise into src/stats/simpleStatistics.ts; `TZDate` comes from `@date-fns/tz/date`
 * (bench/README.md, "Import cost", has the measured gains). Asserted on the list of loaded
 * files, not on timing or memory.
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
      expect(fromPackage(files, "simple-statistics")).toEqual([]);
      // @date-fns/tz's TZDate from its own subpath, not the package root (all its modules)
      expect(
        files.filter((file) => /node_modules\/@date-fns\/tz\/index\.c?js$/.test(file)),
      ).toEqual([]);
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

describe("bundled packages are reached through their one internal module each", () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );
  }

  function importing(pattern: RegExp): string[] {
    return sourceFiles(join(repoRoot, "src"))
      .filter((file) => pattern.test(readFileSync(file, "utf8")))
      .map((file) => relative(repoRoot, file).split(sep).join("/"));
  }

  it("only src/stats/distributions/stdlib/ imports @stdlib (elsewhere the build would bundle a second copy)", () => {
    const files = importing(/from\s+["']@stdlib\//);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !file.startsWith("src/stats/distributions/stdlib/"))).toEqual([]);
  });

  it("only src/stats/simpleStatistics.ts imports simple-statistics", () => {
    expect(importing(/from\s+["']simple-statistics["']/)).toEqual([
      "src/stats/simpleStatistics.ts",
    ]);
  });
});
