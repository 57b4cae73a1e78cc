import type { CommentCell, CommentThemesResult } from "../context/comments/commentThemes";
import { type Cell, count, intervalCell, label, num, pCell, percentCell } from "./cells";
import type { Section, TableBlock } from "./document";
import { excluded } from "./recoverySection";

/** Period × region cells listed in full (all are in the JSON results). */
const CELLS_LISTED = 60;

function cellName(cell: CommentCell): string {
  return [cell.period, cell.region].filter((x) => x !== null).join(" · ") || "all comments";
}

/** Per dimension, the period × region cell where it is talked about most, with its test. */
function peaks(result: CommentThemesResult): TableBlock {
  return {
    kind: "table",
    id: "comment-peaks",
    columns: [
      { header: "Dimension", align: "left" },
      { header: "Most talked about in", align: "left" },
      { header: "Share there", align: "right" },
      { header: "Comments", align: "right" },
      { header: "Share elsewhere", align: "right" },
      { header: "z", align: "right" },
      { header: "p (Bonferroni)", align: "right" },
    ],
    rows: result.peaks.map((p) => [
      label(p.dimension),
      label([p.period, p.region].filter((x) => x !== null).join(" · ")),
      percentCell(p.share),
      count(p.comments),
      percentCell(p.restShare),
      num(p.z),
      pCell(p.pAdjusted),
    ]),
  };
}

/**
 * The "What customers said" section of a report (`GapReport.comments`): per dimension the share
 * of comments about it (Wilson interval), their mean tone and share negative, with Gap 5 beside
 * it when the gaps were given; then the same per period, region and period × region (the cells
 * in time order), each dimension's peak cell with its test, and the comments that matched
 * nothing. The texts
 * themselves are never shown.
 */
export function commentsSection(result: CommentThemesResult): Section {
  const total = result.cells.find((c) => c.level === "total");
  const overall: TableBlock = {
    kind: "table",
    id: "comment-dimensions",
    columns: [
      { header: "Dimension", align: "left" },
      { header: "Comments", align: "right" },
      { header: "Share", align: "right" },
      { header: "95% CI", align: "right" },
      { header: "Mean tone", align: "right" },
      { header: "Negative", align: "right" },
      { header: "Gap 5", align: "right" },
    ],
    rows: (total?.dimensions ?? []).map((d) => [
      label(d.dimension),
      count(d.n),
      percentCell(d.share),
      intervalCell({ lower: d.lower, upper: d.upper }, 3),
      num(d.tone),
      percentCell(d.negativeShare),
      num(d.gap),
    ]),
  };
  const split = result.cells.filter((c) => c.level !== "total");
  const rows: Cell[][] = split
    .slice(0, CELLS_LISTED)
    .map((c) => [
      label(cellName(c)),
      count(c.comments),
      count(c.matchedNothing),
      ...c.dimensions.map((d) => percentCell(d.share)),
    ]);
  const cells: TableBlock = {
    kind: "table",
    id: "comment-cells",
    columns: [
      { header: "Cell", align: "left" },
      { header: "Comments", align: "right" },
      { header: "Matched nothing", align: "right" },
      ...result.dimensions.map((d) => ({ header: `${d} share`, align: "right" as const })),
    ],
    rows,
  };
  const nothing = result.comments === 0 ? null : result.matchedNothing / result.comments;
  return {
    id: "comments",
    title: "What customers said",
    blocks: [
      {
        kind: "paragraph",
        text: `${result.comments} comments (of ${result.input.recordsIn} read; ${excluded(result.input)}) tagged to ${result.dimensions.length} dimensions by a documented lexicon; ${result.matchedNothing} (${nothing === null ? "n/a" : `${(nothing * 100).toFixed(1)}%`}) matched nothing.`,
      },
      overall,
      ...(result.peaks.length > 0 ? [peaks(result)] : []),
      ...(split.length > 0 ? [cells] : []),
      {
        kind: "note",
        text: `A comment may be about several dimensions, so shares need not add to 100%. Tone runs from −1 (only negative words) to +1 (only positive), with negation in a three-word window (our choice; docs/context.md).${split.length > CELLS_LISTED ? ` The first ${CELLS_LISTED} of ${split.length} cells are listed.` : ""}`,
      },
    ],
  };
}
