/**
 * Summary sections: a section added to the terminal summary gets the summary's helpers, its
 * lines come after the warnings and before the data-quality line, and they keep to the width.
 */
import { describe, expect, it } from "vitest";
import { renderSummary } from "../../src/cli/summary";
import type { SummarySection } from "../../src/cli/summarySections";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import { buildGapReport } from "../../src/report/buildGapReport";
import { formatCellApa } from "../../src/report/formatApa";
import { repoFile } from "../io/csvFixtures";

const lib = { formatCellApa };

describe("renderSummary sections", async () => {
  const { dataset, report } = await readResponsesCsv(
    repoFile("data/demo-bank.csv"),
    instruments.servqual22,
    { columns: { segments: ["region", "channel"] } },
  );
  const results = buildGapReport(dataset, report).results;
  const style = { width: 60, color: false };

  it("draws a section's lines after the warnings and before the data quality", () => {
    const section: SummarySection = (r, tools) => [
      tools.bold("Extra section"),
      tools.line(`  respondents ${r.validation.rowsUsed} ${"x".repeat(200)}`),
      `  gap ${tools.gapText(-0.5)}, ci ${tools.ci({ lower: -1, upper: 0 })}`,
      "",
    ];
    const text = renderSummary(lib, results, [], style, [section]);
    const lines = text.split("\n");
    const at = lines.indexOf("Extra section");
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith("Warnings")));
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith("Data quality")));
    // The demo keeps 599 of its 601 rows (2 excluded); the long line is cut to 60 columns.
    expect(lines[at + 1]?.slice(0, 22)).toBe("  respondents 599 xxxx");
    expect(lines[at + 1]).toHaveLength(60);
    expect(lines[at + 1]?.endsWith("…")).toBe(true);
    expect(lines[at + 2]).toBe("  gap −0.50, ci [−1.00, 0.00]");
  });

  it("a section with nothing to say adds nothing", () => {
    const none: SummarySection = () => [];
    expect(renderSummary(lib, results, [], style, [none])).toBe(
      renderSummary(lib, results, [], style, []),
    );
  });
});
