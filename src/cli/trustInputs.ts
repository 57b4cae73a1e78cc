import type * as Library from "../node";
import type * as Reports from "../report";
import type { Servqual } from "./runReport";

/**
 * The demo's trust and commitment section: reads the relationship survey (the built-in bank
 * `relationshipBank`, a facet scored under max(2, ⌈k/2⌉) of its k items) and joins each
 * customer to the stage of the last month of the stage timeline, so relationship quality is
 * shown per stage (`relationshipQuality` with `stages`; Morgan & Hunt 1994).
 *
 * @param path - The relationship survey CSV (one column per item id: tbe1, …, cop3).
 * @param timeline - The stage timeline of the CRM events (`stageTimeline`).
 * @returns The report's `trust` results (Gap 5 by stage is shown in the relationship section).
 * @example
 * const trust = await trustOfDemo(lib, "data/demo-trust.csv", relationship.timeline);
 * trust.quality.byStage?.map((s) => s.stage); //=> ["awareness", …]
 */
export async function trustOfDemo(
  lib: Servqual,
  path: string,
  timeline: Library.StageTimeline,
): Promise<NonNullable<Reports.GapReport["trust"]>> {
  const { dataset } = await lib.readResponsesCsv(path, lib.relationshipBank, {
    columns: { perception: "{item}" },
    missing: { minimumShare: 0.5, atLeast: 2 },
  });
  const last = timeline.months.length - 1;
  const stages: Record<string, Library.Stage> = {};
  for (const customer of timeline.customers) {
    const stage = customer.stages[last];
    if (stage != null) stages[customer.customer] = stage;
  }
  return { quality: lib.relationshipQuality(dataset, { stages }), gap5ByStage: null };
}
