import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { servqualDimensions1991 } from "./servqualDimensions1991";
import { sevenPointAgreement } from "./sevenPointAgreement";

/**
 * SERVPERF-22: the 22 SERVQUAL perception items alone, scored as their mean.
 *
 * Reference: Cronin, J. J., & Taylor, S. A. (1992), J. Marketing 56(3):55–68.
 */
export const servperf22: Instrument = deepFreeze({
  id: "servperf-22",
  name: "SERVPERF-22 (perceptions only)",
  citation:
    "Cronin, J. J., & Taylor, S. A. (1992). Measuring service quality: A reexamination and extension. Journal of Marketing, 56(3), 55–68.",
  scale: sevenPointAgreement,
  format: "perception-only",
  dimensions: servqualDimensions1991,
});
