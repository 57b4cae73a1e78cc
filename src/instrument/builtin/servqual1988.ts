import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { sevenPointAgreement } from "./sevenPointAgreement";

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
  dimensions: [
    {
      id: "tangibles",
      label: "Tangibles",
      items: [
        { id: "1", label: "up-to-date equipment", reverse: false },
        { id: "2", label: "attractive facilities", reverse: false },
        { id: "3", label: "neatly presented staff", reverse: false },
        { id: "4", label: "facilities fit the type of service", reverse: false },
      ],
    },
    {
      id: "reliability",
      label: "Reliability",
      items: [
        { id: "5", label: "keeps time-bound promises", reverse: false },
        { id: "6", label: "sympathetic and reassuring about problems", reverse: false },
        { id: "7", label: "dependable", reverse: false },
        { id: "8", label: "delivers when promised", reverse: false },
        { id: "9", label: "accurate records", reverse: false },
      ],
    },
    {
      id: "responsiveness",
      label: "Responsiveness",
      items: [
        { id: "10", label: "does not say when service will happen", reverse: true },
        { id: "11", label: "prompt service not expected", reverse: true },
        { id: "12", label: "staff not always willing to help", reverse: true },
        { id: "13", label: "staff too busy to respond", reverse: true },
      ],
    },
    {
      id: "assurance",
      label: "Assurance",
      items: [
        { id: "14", label: "staff can be trusted", reverse: false },
        { id: "15", label: "safe transactions", reverse: false },
        { id: "16", label: "polite staff", reverse: false },
        { id: "17", label: "staff get adequate support from the firm", reverse: false },
      ],
    },
    {
      id: "empathy",
      label: "Empathy",
      items: [
        { id: "18", label: "no individual attention (firm)", reverse: true },
        { id: "19", label: "no personal attention (staff)", reverse: true },
        { id: "20", label: "does not know customers' needs", reverse: true },
        { id: "21", label: "does not have customers' interests at heart", reverse: true },
        { id: "22", label: "inconvenient opening hours", reverse: true },
      ],
    },
  ],
});
