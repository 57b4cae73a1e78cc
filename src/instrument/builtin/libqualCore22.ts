import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { codedDimension } from "./itemTable";
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
    codedDimension("affect-of-service", "Affect of Service", "AS", [
      "staff instil confidence",
      "individual attention",
      "courteous staff",
      "ready to answer questions",
      "knowledgeable staff",
      "caring staff",
      "staff understand needs",
      "willing to help",
      "dependable problem handling",
    ]),
    codedDimension("information-control", "Information Control", "IC", [
      "remote electronic access",
      "self-service website",
      "print materials needed",
      "electronic resources needed",
      "modern access equipment",
      "easy finding tools",
      "information easy to use independently",
      "journal collections needed",
    ]),
    codedDimension("library-as-place", "Library as Place", "LP", [
      "space inspiring study",
      "quiet individual space",
      "comfortable, inviting place",
      "getaway for study or research",
      "group study space",
    ]),
  ],
});
