import { deepFreeze } from "../../_lib/deepFreeze";
import type { Dimension } from "../types";

/**
 * The 22 SERVQUAL items of the 1991 revision in their five dimensions (Parasuraman, Berry &
 * Zeithaml 1991, J. Retailing 67(4)): 1–4 tangibles, 5–9 reliability, 10–13 responsiveness,
 * 14–17 assurance, 18–22 empathy. All items positively worded. Labels are short paraphrases.
 */
export const servqualDimensions1991: readonly Dimension[] = deepFreeze([
  {
    id: "tangibles",
    label: "Tangibles",
    items: [
      { id: "1", label: "up-to-date equipment", reverse: false },
      { id: "2", label: "attractive facilities", reverse: false },
      { id: "3", label: "neatly presented staff", reverse: false },
      { id: "4", label: "appealing service materials", reverse: false },
    ],
  },
  {
    id: "reliability",
    label: "Reliability",
    items: [
      { id: "5", label: "keeps time-bound promises", reverse: false },
      { id: "6", label: "genuine effort to fix problems", reverse: false },
      { id: "7", label: "right first time", reverse: false },
      { id: "8", label: "delivers when promised", reverse: false },
      { id: "9", label: "error-free records", reverse: false },
    ],
  },
  {
    id: "responsiveness",
    label: "Responsiveness",
    items: [
      { id: "10", label: "says when service will happen", reverse: false },
      { id: "11", label: "prompt service", reverse: false },
      { id: "12", label: "always willing to help", reverse: false },
      { id: "13", label: "never too busy to respond", reverse: false },
    ],
  },
  {
    id: "assurance",
    label: "Assurance",
    items: [
      { id: "14", label: "staff inspire confidence", reverse: false },
      { id: "15", label: "safe transactions", reverse: false },
      { id: "16", label: "consistently courteous", reverse: false },
      { id: "17", label: "staff knowledgeable", reverse: false },
    ],
  },
  {
    id: "empathy",
    label: "Empathy",
    items: [
      { id: "18", label: "individual attention (firm)", reverse: false },
      { id: "19", label: "convenient opening hours", reverse: false },
      { id: "20", label: "personal attention (staff)", reverse: false },
      { id: "21", label: "customer's interests at heart", reverse: false },
      { id: "22", label: "understands specific needs", reverse: false },
    ],
  },
]);
