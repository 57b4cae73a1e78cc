import { describe, expect, it } from "vitest";
import {
  commentThemes,
  serviceRecovery,
  validateComments,
  validateComplaints,
  validateResponses,
} from "../../src/index";
import {
  gapReportResults,
  layoutGapReport,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
} from "../../src/report";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

describe("the service recovery and comments sections of a report", () => {
  const { dataset, report } = validateResponses(
    [
      tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6]),
      tinyRecord("r2", [6, 7, 5, 6, 7], [5, 5, 5, 4, 7]),
    ],
    tinyInstrument,
  );
  const results = gapReportResults(dataset, report);
  const c = (id: string, depth: number, satisfaction: number, stayed: boolean) => ({
    id,
    channel: depth === 0 ? "phone" : "letter",
    opened: "2024-03-01T09:00:00Z",
    escalations: Array.from({ length: depth }, (_, k) => `2024-03-0${k + 2}T09:00:00Z`),
    resolved: "2024-03-09T09:00:00Z",
    outcome: "<script>alert(1)</script>",
    satisfactionBefore: 1,
    satisfaction,
    stayed,
  });
  const recovery = serviceRecovery(
    validateComplaints([
      c("a", 0, 5, true),
      c("b", 0, 4, false),
      c("c", 1, 3, true),
      c("d", 2, 2, false),
      c("e", 2, 1, true),
      c("f", 1, 4, false),
    ]),
  );
  const comments = commentThemes(
    validateComments([
      { region: "<script>x</script>", date: "2024-01-02", comment: "Waited on hold for ages" },
      { region: "North", date: "2024-01-03", comment: "All fine" },
    ]),
    { period: "month" },
  );
  const doc = layoutGapReport({ ...results, recovery, comments });

  it("is left out without the results", () => {
    const ids = layoutGapReport(results).sections.map((s) => s.id);
    expect(ids).not.toContain("service-recovery");
    expect(ids).not.toContain("comments");
  });

  it("adds both sections with their tables", () => {
    const ids = doc.sections.map((s) => s.id);
    expect(ids).toContain("service-recovery");
    expect(ids).toContain("comments");
    const md = renderMarkdown(doc);
    expect(md).toContain("## Service recovery");
    expect(md).toContain("## What customers said");
    expect(md).toContain("2 comments (of 2 read; none excluded) tagged to 5 dimensions");
    expect(md).toContain("1 (50.0%) matched nothing");
    // depth 0: a, b → mean satisfaction 4.50
    expect(md).toMatch(/0 \(first contact\) \| 2 \| 33\.3% \| 4\.50/);
  });

  it("reaches every renderer, markup stays inert", () => {
    const html = renderHtml(doc);
    expect(html).toContain("Service recovery");
    expect(html).not.toContain("<script>");
    expect(renderCsv(doc)).toContain("recovery-depth");
    const json = JSON.parse(renderJson(doc));
    expect(json.results.recovery.kind).toBe("service-recovery");
    expect(json.results.comments.kind).toBe("comment-themes");
  });
});
