import type * as Library from "../node";

type Change = Library.ByPeriodResult["changes"][number];

/**
 * `servqual demo`: the planted winter responsiveness dip in North (data/DEMO.md) as a
 * period-over-period change of `byPeriod` by season × region: of North's responsiveness changes
 * into or out of a winter, the one with the smallest adjusted p, and whether it goes the way
 * the dip says (down into winter, up out of it) beyond chance (adjusted p < .05).
 *
 * @example
 * winterDipChange(lib.byPeriod(dataset, { period: "season", segments: ["region"] })).found
 */
export function winterDipChange(result: Library.ByPeriodResult): {
  readonly change: Change | undefined;
  readonly found: boolean;
  readonly text: string;
} {
  const winter = (key: string) => key.endsWith("winter");
  const candidates = result.changes
    .filter(
      (c) =>
        c.segments.region === "North" &&
        c.id === "responsiveness" &&
        c.pAdjusted !== null &&
        (winter(c.from) ? c.change > 0 : winter(c.to) && c.change < 0),
    )
    .sort((a, b) => (a.pAdjusted ?? 1) - (b.pAdjusted ?? 1));
  const change = candidates[0];
  const found = change !== undefined && (change.pAdjusted ?? 1) < 0.05;
  const text =
    change === undefined
      ? "winter responsiveness dip in North as a change between seasons"
      : `winter responsiveness dip in North as a change between seasons: ${change.from} → ${change.to} ${change.change > 0 ? "+" : "−"}${Math.abs(change.change).toFixed(2)} (n = ${change.nFrom} → ${change.nTo}, p adj. ${(change.pAdjusted ?? 1).toFixed(3)})`;
  return { change, found, text };
}
