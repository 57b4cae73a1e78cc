import type { Notice } from "../_lib/notice";
import type { CompareSegmentsResult } from "../context/compareSegments";
import type { GapReport } from "./types";

/** The sections of a report that carry warnings of their own (absent or null: none). */
export type SectionedResults = Partial<
  Pick<GapReport, "context" | "recovery" | "comments" | "fiveGap" | "relationship" | "trust">
>;

/** A segment comparison's warnings: its own, then each compared dimension's. */
function comparisonWarnings(result: CompareSegmentsResult | null): readonly Notice[] {
  if (result === null) return [];
  return [...result.warnings, ...result.comparisons.flatMap((c) => c.warnings)];
}

/**
 * The warnings of a report's further sections, in the order the layout shows the sections:
 * periods, seasons, segment comparisons, event windows and allocation priorities (context),
 * the relationship stages, the provider gaps' diagnosis, service recovery, comments, and
 * trust and commitment. A segment comparison contributes its own list (segment values left
 * out) and each dimension's.
 *
 * @param results - The report results, with whatever further sections were computed.
 * @returns The notices, possibly none.
 *
 * @example
 * sectionWarnings({ recovery }).map((w) => w.code) //=> ["no-complaints"]
 */
export function sectionWarnings(results: SectionedResults): readonly Notice[] {
  const context = results.context ?? null;
  const relationship = results.relationship ?? null;
  const trust = results.trust ?? null;
  return [
    ...(context?.byPeriod?.warnings ?? []),
    ...(context?.seasons?.warnings ?? []),
    ...[context?.segments ?? null, ...(context?.segmentComparisons ?? [])].flatMap(
      comparisonWarnings,
    ),
    ...(context?.events?.warnings ?? []),
    ...(context?.allocation?.warnings ?? []),
    ...(relationship?.transitions.warnings ?? []),
    ...(relationship?.gap5ByStage?.warnings ?? []),
    ...(results.fiveGap?.model.warnings ?? []),
    ...(results.recovery?.warnings ?? []),
    ...(results.comments?.warnings ?? []),
    ...(trust?.quality.warnings ?? []),
    ...(trust?.gap5ByStage?.warnings ?? []),
  ];
}
