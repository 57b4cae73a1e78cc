import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { servqualDimensions1991 } from "./servqualDimensions1991";
import { sevenPointAgreement } from "./sevenPointAgreement";

/**
 * SERVQUAL-22, the 1991 revision: 22 items asked twice, as expectations (E) and perceptions
 * (P), on a 7-point agreement scale, in five dimensions. Gap 5 = P − E.
 *
 * Reference: Parasuraman, Berry & Zeithaml (1991), J. Retailing 67(4):420–450.
 */
export const servqual22: Instrument = deepFreeze({
  id: "servqual-1991",
  name: "SERVQUAL-22 (1991 revision)",
  citation:
    "Parasuraman, A., Berry, L. L., & Zeithaml, V. A. (1991). Refinement and reassessment of the SERVQUAL scale. Journal of Retailing, 67(4), 420–450.",
  scale: sevenPointAgreement,
  format: "expectation-perception",
  dimensions: servqualDimensions1991,
});
