import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { ninePointWithNoOpinion } from "./sevenPointAgreement";

/**
 * A LibQUAL-style 22-item core in the three-column format: minimum, desired and perceived
 * service on 1–9 scales with "not applicable", in three dimensions: Affect of Service (9 items),
 * Information Control (8) and Library as Place (5). Adequacy gap = perceived − minimum,
 * superiority gap = perceived − desired. Item ids follow the dimension codes (AS-1 … AS-9,
 * IC-1 … IC-8, LP-1 … LP-5) in the numbered order of the 2005 list.
 *
 * Reference: Thompson, Cook & Kyrillidou (2005), portal 5(1); Association of Research Libraries.
 */
export const libqualCore22: Instrument = deepFreeze({
  id: "libqual-core-22",
  name: "LibQUAL-style 22-item core (three-column)",
  citation:
    "Cook, C., Heath, F., & Thompson, B. (2003). LibQUAL+: one instrument in the new measures toolbox. ARL Bimonthly Report 212; Association of Research Libraries.",
  scale: ninePointWithNoOpinion,
  format: "tolerance",
  dimensions: [
    {
      id: "affect-of-service",
      label: "Affect of Service",
      items: [
        { id: "AS-1", label: "staff instil confidence", reverse: false },
        { id: "AS-2", label: "individual attention", reverse: false },
        { id: "AS-3", label: "courteous staff", reverse: false },
        { id: "AS-4", label: "ready to answer questions", reverse: false },
        { id: "AS-5", label: "knowledgeable staff", reverse: false },
        { id: "AS-6", label: "caring staff", reverse: false },
        { id: "AS-7", label: "staff understand needs", reverse: false },
        { id: "AS-8", label: "willing to help", reverse: false },
        { id: "AS-9", label: "dependable problem handling", reverse: false },
      ],
    },
    {
      id: "information-control",
      label: "Information Control",
      items: [
        { id: "IC-1", label: "remote electronic access", reverse: false },
        { id: "IC-2", label: "self-service website", reverse: false },
        { id: "IC-3", label: "print materials needed", reverse: false },
        { id: "IC-4", label: "electronic resources needed", reverse: false },
        { id: "IC-5", label: "modern access equipment", reverse: false },
        { id: "IC-6", label: "easy finding tools", reverse: false },
        { id: "IC-7", label: "information easy to use independently", reverse: false },
        { id: "IC-8", label: "journal collections needed", reverse: false },
      ],
    },
    {
      id: "library-as-place",
      label: "Library as Place",
      items: [
        { id: "LP-1", label: "space inspiring study", reverse: false },
        { id: "LP-2", label: "quiet individual space", reverse: false },
        { id: "LP-3", label: "comfortable, inviting place", reverse: false },
        { id: "LP-4", label: "getaway for study or research", reverse: false },
        { id: "LP-5", label: "group study space", reverse: false },
      ],
    },
  ],
});
