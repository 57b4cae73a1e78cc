import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commentThemes, gapCells, validateComments, validateResponses } from "../../src/index";
import { readCommentsCsv } from "../../src/node";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const comments = [
  { respondentId: "a", date: "2024-01-10", region: "North", comment: "Waited an hour on hold" },
  { respondentId: "b", date: "2024-01-20", region: "North", comment: "Slow call back, rude staff" },
  { respondentId: "c", date: "2024-02-03", region: "South", comment: "Lovely clean branch" },
  { respondentId: "d", date: "2024-02-04", region: "South", comment: "Nothing to add" },
  { respondentId: "e", date: null, region: null, comment: "They got my statement wrong" },
];

describe("commentThemes (hand-worked)", () => {
  const set = validateComments(comments);
  const r = commentThemes(set, { period: "month" });
  const cell = (level: string, period: string | null, region: string | null) =>
    r.cells.find((c) => c.level === level && c.period === period && c.region === region);
  const dim = (c: ReturnType<typeof cell>, d: string) =>
    c?.dimensions.find((x) => x.dimension === d);

  it("counts comments, matches and the ones that matched nothing", () => {
    expect(r.comments).toBe(5);
    expect(r.matchedNothing).toBe(1);
    const total = cell("total", null, null);
    expect(total?.comments).toBe(5);
    // responsiveness: a (wait*, on hold), b (slow*, call back) → 2 of 5
    expect(dim(total, "responsiveness")?.n).toBe(2);
    expect(dim(total, "responsiveness")?.share).toBe(0.4);
    // assurance: b (rude*) ; tangibles: c (clean*, branch*), e (statement*) ; reliability: e (wrong)
    expect(dim(total, "assurance")?.n).toBe(1);
    expect(dim(total, "tangibles")?.n).toBe(2);
    expect(dim(total, "reliability")?.n).toBe(1);
  });

  it("splits by period and region, with undated and blank cells", () => {
    expect(r.cells.filter((c) => c.level === "period").map((c) => c.period)).toEqual([
      "2024-01",
      "2024-02",
      "(undated)",
    ]);
    const northJan = cell("period-region", "2024-01", "North");
    expect(northJan?.comments).toBe(2);
    expect(dim(northJan, "responsiveness")?.share).toBe(1);
    // a: tone 0 (no tone words); b: slow, rude → −1; mean −0.5; negative share 1/2
    expect(dim(northJan, "responsiveness")?.tone).toBe(-0.5);
    expect(dim(northJan, "responsiveness")?.negativeShare).toBe(0.5);
    expect(cell("region", null, "(blank)")?.comments).toBe(1);
    const rows = r.cells
      .filter((c) => c.level === "period-region")
      .reduce((a, c) => a + c.comments, 0);
    expect(rows).toBe(5);
  });

  it("finds each dimension's peak cell with a two-proportion test (hand-worked)", () => {
    const peaks = commentThemes(set, { period: "month", minimumComments: 1 }).peaks;
    const peak = peaks.find((p) => p.dimension === "responsiveness");
    expect(peak).toMatchObject({ period: "2024-01", region: "North", n: 2, comments: 2, share: 1 });
    expect(peak?.restShare).toBe(0);
    // pooled 2/5; se = √(0.4·0.6·(1/2 + 1/3)) = √0.2; z = 1/√0.2 = √5; chi-square 5 as
    // prop.test(c(2, 0), c(2, 3), correct = FALSE); p = 2Φ(−√5)
    expect(peak?.z).toBeCloseTo(Math.sqrt(5), 12);
    expect(peak?.p).toBeCloseTo(0.025347318677468, 10);
    expect(peak?.cellsSearched).toBe(3);
    expect(peak?.pAdjusted).toBeCloseTo(3 * 0.025347318677468, 10);
    expect(commentThemes(set, { period: "month" }).peaks).toEqual([]);
  });

  it("shows Gap 5 of the matching period × region beside the comments", () => {
    const dated = ["2024-01-05", "2024-01-06", "2024-02-07", "2024-02-08"];
    const regions = ["North", "North", "South", "South"];
    const rows = dated.map((date, i) => ({
      ...tinyRecord(`r${i}`, [5, 5, 5, 5, 5], [4 + i, 4, 4, 4, 4]),
      date,
      region: regions[i],
    }));
    const { dataset } = validateResponses(rows, tinyInstrument, {
      columns: { segments: ["region"] },
    });
    const gaps = gapCells(dataset, { period: "month", by: ["region"], minimumN: 2 });
    const beside = commentThemes(set, {
      period: "month",
      gaps,
      replaceLexicon: true,
      lexicon: { A: ["wait*"], B: ["branch*"] },
    });
    const figure = beside.cells
      .find((c) => c.level === "period-region" && c.period === "2024-01" && c.region === "North")
      ?.dimensions.find((d) => d.dimension === "A");
    const expected = gaps.cells
      .find(
        (c) =>
          c.level === "period-segment" &&
          c.period?.key === "2024-01" &&
          c.segments.region === "North",
      )
      ?.dimensions.find((d) => d.id === "A");
    expect(figure?.gap).not.toBeNull();
    expect(figure?.gap).toBe(expected?.gap);
    expect(figure?.gapN).toBe(2);
  });

  it("is plain JSON without NaN", () => {
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    const empty = commentThemes(validateComments([]));
    expect(empty.cells[0]?.dimensions[0]?.share).toBeNull();
    expect(empty.warnings.map((w) => w.code)).toEqual(["no-comments"]);
  });

  it("rejects bad calls", () => {
    expect(() => commentThemes({} as never)).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => commentThemes(set, { seasons: "northern" })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => commentThemes(set, { period: "fortnight" as never })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });
});

describe("comment validation and bad encodings", () => {
  it("excludes blank, invalid UTF-8, NUL and undated-bad comments from a file, naming line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comments-"));
    const path = join(dir, "comments.csv");
    const head = Buffer.from("respondent_id,date,region,comment\n");
    const good = Buffer.from('R1,2024-01-02,North,"Waited ages, <script>alert(1)</script>"\n');
    const latin = Buffer.concat([
      Buffer.from("R2,2024-01-03,North,Caf"),
      Buffer.from([0xe9]),
      Buffer.from(" queue\n"),
    ]);
    const nul = Buffer.from("R3,2024-01-04,North,bad\u0000text\n");
    const blank = Buffer.from("R4,2024-01-05,North,\n");
    const date = Buffer.from("R5,yesterday,North,slow\n");
    const formula = Buffer.from('R6,,South,"=SUM(A1:A2)"\n');
    writeFileSync(path, Buffer.concat([head, good, latin, nul, blank, date, formula]));
    const set = await readCommentsCsv(path);
    expect(set.report.recordsIn).toBe(6);
    expect(set.report.recordsUsed + set.report.recordsExcluded).toBe(6);
    expect(set.comments.map((c) => c.respondentId)).toEqual(["R1", "R6"]);
    expect(set.comments[0]?.text).toBe("Waited ages, <script>alert(1)</script>");
    expect(set.comments[1]?.text).toBe("=SUM(A1:A2)");
    expect(set.comments[1]?.date).toBeNull();
    expect(set.report.exclusionCounts).toEqual({
      "replacement-character": 1,
      "control-character": 1,
      "missing-comment": 1,
      "bad-date": 1,
    });
    expect(set.report.issues.find((i) => i.code === "replacement-character")).toMatchObject({
      row: 2,
      line: 3,
      column: "comment",
    });
  });

  it("reads dates without a zone as local time in timeZone", () => {
    const london = validateComments([{ comment: "x", date: "2024-07-01" }], {
      timeZone: "Europe/London",
    });
    expect(london.comments[0]?.date).toBe(Date.UTC(2024, 5, 30, 23)); // BST, UTC+1
    const utc = validateComments([{ comment: "x", date: "2024-07-01T10:30:00" }]);
    expect(utc.comments[0]?.date).toBe(Date.UTC(2024, 6, 1, 10, 30));
  });

  it("validates objects, rejecting unknown fields and bad options", () => {
    expect(() => validateComments([{ comment: "x", mood: 1 } as never])).toThrow(
      expect.objectContaining({ code: "invalid-input" }),
    );
    expect(() => validateComments([], { timeZone: "Nowhere/City" })).toThrow(
      expect.objectContaining({ code: "invalid-options" }),
    );
    const set = validateComments([
      { comment: "x", region: 5 as never },
      7 as never,
      { comment: "y", date: new Date(Date.UTC(2024, 0, 1)) },
    ]);
    expect(set.report.recordsUsed).toBe(2);
    expect(set.comments[0]?.region).toBe("5");
    expect(set.report.exclusionCounts).toEqual({ "not-an-object": 1 });
  });
});
