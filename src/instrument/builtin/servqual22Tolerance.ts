import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { servqualDimensions1991 } from "./servqualDimensions1991";
import { ninePointWithNoOpinion } from "./sevenPointAgreement";

/**
 * The three-column zone-of-tolerance form of SERVQUAL-22: minimum (adequate), desired and
 * perceived service rated side by side on 9-point scales with a "no opinion" answer.
 * MSA = P − adequate, MSS = P − desired.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1994), J. Retailing 70(3):201–230.
 */
export const servqual22Tolerance: Instrument = deepFreeze({
  id: "servqual-1994-three-column",
  name: "SERVQUAL-22, three-column zone-of-tolerance format",
  citation:
    "Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1994). Alternative scales for measuring service quality: A comparative assessment based on psychometric and diagnostic criteria. Journal of Retailing, 70(3), 201–230.",
  scale: ninePointWithNoOpinion,
  format: "tolerance",
  dimensions: servqualDimensions1991,
});
