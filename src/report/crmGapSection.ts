import type { CrmGapViews } from "../gaps/crmGapViews";
import { count, label, num } from "./cells";
import type { Section } from "./document";
import { sectionTable } from "./providerGapSections";

/**
 * The CRM names of the gaps (`crmGapViews`): one row per number a present term stands for,
 * with the gap it is read from, its unit and where it is in the results; no new computation.
 *
 * @param views - The result of `crmGapViews`.
 * @returns The "crm-gaps" section, or null when no term has a figure.
 * @example
 * crmGapSection(crmGapViews({ gap5: gap5(dataset) }))?.id //=> "crm-gaps"
 */
export function crmGapSection(views: CrmGapViews): Section | null {
  const rows = views.views.flatMap((view) =>
    view.figures.map((figure) => [
      label(view.name),
      label(figure.scope === "overall" ? "overall" : `${figure.scope} ${figure.label}`),
      label(figure.unit),
      label(view.mapping === "literature" ? "literature" : "our mapping"),
      count(figure.gap),
      num(figure.value, 3),
    ]),
  );
  if (rows.length === 0) return null;
  return {
    id: "crm-gaps",
    title: "The gaps in CRM terms",
    blocks: [
      {
        kind: "paragraph",
        text: "The names CRM practice gives the gaps, as views of the numbers above (delivered − required, negative = shortfall). Which names are the literature's and which mapping is ours: docs/formulas-gaps.md.",
      },
      sectionTable("crm-gaps", ["CRM term", "Of", "Unit", "Mapping", "Gap", "Value"], 4, rows),
    ],
  };
}
