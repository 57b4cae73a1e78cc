/**
 * Every JavaScript or TypeScript code block of README.md runs as written against the built
 * package (npm test builds first; run `npm run build` when running this file alone). Each
 * block is written to .tmp/readme/ inside the repository, so `import ... from "servqual"`
 * resolves to this package's own exports (dist/), and run with node from the repository root,
 * where the paths in the snippets point. Blocks tagged sh, json or anything else are not run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

interface Snippet {
  readonly line: number;
  readonly language: string;
  readonly code: string;
}

const RUNNABLE = new Set(["js", "javascript", "mjs", "ts", "typescript"]);

function snippets(markdown: string): Snippet[] {
  const found: Snippet[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(fence)) {
    const language = (match[1] ?? "").toLowerCase();
    if (!RUNNABLE.has(language)) continue;
    const line = markdown.slice(0, match.index).split("\n").length;
    found.push({ line, language, code: match[2] ?? "" });
  }
  return found;
}

function javascript(snippet: Snippet): string {
  if (snippet.language !== "ts" && snippet.language !== "typescript") return snippet.code;
  return ts.transpileModule(snippet.code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

const folder = join(root, ".tmp", "readme");

describe("README.md code snippets", () => {
  const all = snippets(readme);

  beforeAll(() => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  });

  it("has the three user snippets to run (the extraction finds them)", () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it("skips blocks that are not JavaScript or TypeScript", () => {
    const sample = "```sh\nnpm test\n```\n\n```json\n{}\n```\n\n```js\nconsole.log(1);\n```\n";
    expect(snippets(sample).map((s) => s.language)).toEqual(["js"]);
  });

  it.each(all.map((snippet) => [snippet.line, snippet] as const))(
    "the snippet at line %i runs without an error",
    (line, snippet) => {
      const file = join(folder, `snippet-line-${line}.mjs`);
      writeFileSync(file, javascript(snippet));
      const result = spawnSync(process.execPath, [file], { cwd: root, encoding: "utf8" });
      expect(result.stderr, `README.md line ${line}:\n${snippet.code}`).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(0); // each snippet shows its result
    },
  );
});
