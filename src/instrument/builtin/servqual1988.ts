import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { servqualDimensions } from "./servqualLayout";
import { sevenPointAgreement } from "./sevenPointAgreement";

/** The negatively worded items of the 1988 scale: responsiveness 10–13 and empathy 18–22. */
const NEGATIVELY_WORDED: ReadonlySet<number> = new Set([10, 11, 12, 13, 18, 19, 20, 21, 22]);

/**
 * SERVQUAL-1988, the original 22-item scale, in its own item order. The nine
 * responsiveness and empathy items (10–13, 18–22) were negatively worded and are reverse-scored
 * (x′ = 8 − x, on E and P alike) before gaps are taken. Items 4 and 17 differ from the 1991
 * revision, and the empathy items come in a different order.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988), J. Retailing 64(1):12–40.
 */
export const servqual1988: Instrument = deepFreeze({
  id: "servqual-1988",
  name: "SERVQUAL (1988 original)",
  citation:
    "Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1988). SERVQUAL: A multiple-item scale for measuring consumer perceptions of service quality. Journal of Retailing, 64(1), 12–40.",
  scale: sevenPointAgreement,
  format: "expectation-perception",
  dimensions: servqualDimensions(
    [
      "up-to-date equipment",
      "attractive facilities",
      "neatly presented staff",
      "facilities fit the type of service",
      "keeps time-bound promises",
      "sympathetic and reassuring about problems",
      "dependable",
      "delivers when promised",
      "accurate records",
      "does not say when service will happen",
      "prompt service not expected",
      "staff not always willing to help",
      "staff too busy to respond",
      "staff can be trusted",
      "safe transactions",
      "polite staff",
      "staff get adequate support from the firm",
      "no individual attention (firm)",
      "no personal attention (staff)",
      "does not know customers' needs",
      "does not have customers' interests at heart",
      "inconvenient opening hours",
    ],
    NEGATIVELY_WORDED,
  ),
});
