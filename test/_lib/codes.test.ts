import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZOD_ISSUE_CODES, zodIssueCode } from "../../src/_lib/zodIssues";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The members of the NoticeCode union, read from its source. */
function noticeCodes(): string[] {
  const source = read("src/_lib/notice.ts");
  const start = source.indexOf("export type NoticeCode =");
  const union = source.slice(start, source.indexOf(";", start));
  return [...union.matchAll(/\| "([a-z0-9-]+)"/g)].map((match) => match[1] as string);
}

/** The members of a union type in a source file (`export type NAME =` up to its `;`). */
function unionMembers(path: string, name: string): string[] {
  const source = read(path);
  const start = source.indexOf(`export type ${name} =`);
  const union = source.slice(start, source.indexOf(";", start));
  return [...union.matchAll(/\| "([a-z0-9-]+)"/g)].map((match) => match[1] as string);
}

describe("the code table in docs/codes.md", () => {
  const docs = read("docs/codes.md");
  const documented = new Set([...docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));

  it("lists every notice code once, and nothing else in its first table", () => {
    const codes = noticeCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(documented.has(code), code).toBe(true);
    const table = docs.slice(docs.indexOf("| Code | Meaning |"), docs.indexOf("## Zod"));
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...codes].sort());
  });

  it("lists every translated zod code, in kebab case", () => {
    for (const [zod, code] of Object.entries(ZOD_ISSUE_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(docs).toContain(`| \`${zod}\` | \`${code}\` |`);
    }
  });

  it("translates zod codes, and an unknown one to invalid-value", () => {
    expect(zodIssueCode("invalid_type")).toBe("invalid-type");
    expect(zodIssueCode("too_big")).toBe("too-large");
    expect(zodIssueCode("something_new")).toBe("invalid-value");
    expect(zodIssueCode("__proto__")).toBe("invalid-value");
  });

  it("lists every validation issue code once: IssueCode and the issue table agree one for one", () => {
    const codes = unionMembers("src/_lib/issueCode.ts", "IssueCode");
    const zod = unionMembers("src/_lib/issueCode.ts", "ZodIssueCode");
    expect(codes.length).toBeGreaterThan(60);
    expect(new Set(codes).size).toBe(codes.length);
    // IssueCode includes ZodIssueCode; none of zod's codes is listed twice.
    expect(read("src/_lib/issueCode.ts")).toMatch(/export type IssueCode =\s*\| ZodIssueCode/);
    for (const code of zod) expect(codes, code).not.toContain(code);
    const start = docs.indexOf("<!-- issue-codes -->");
    expect(start).toBeGreaterThan(0);
    const table = docs.slice(start, docs.indexOf("\n\n", docs.indexOf("| Code |", start)));
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toHaveLength(new Set(rows).size);
    expect([...rows].sort()).toEqual([...codes].sort());
  });

  it("translates zod codes only into members of ZodIssueCode", () => {
    const zod = unionMembers("src/_lib/issueCode.ts", "ZodIssueCode");
    expect([...new Set(Object.values(ZOD_ISSUE_CODES))].sort()).toEqual([...zod].sort());
  });
});
