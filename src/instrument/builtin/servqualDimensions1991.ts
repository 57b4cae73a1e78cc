import { deepFreeze } from "../../_lib/deepFreeze";
import type { Dimension } from "../types";
import { servqualDimensions } from "./servqualLayout";

/**
 * The 22 SERVQUAL items of the 1991 revision in their five dimensions (Parasuraman, Berry &
 * Zeithaml 1991, J. Retailing 67(4)): 1–4 tangibles, 5–9 reliability, 10–13 responsiveness,
 * 14–17 assurance, 18–22 empathy. All items positively worded. Labels are short paraphrases.
 */
export const servqualDimensions1991: readonly Dimension[] = deepFreeze(
  servqualDimensions([
    "up-to-date equipment",
    "attractive facilities",
    "neatly presented staff",
    "appealing service materials",
    "keeps time-bound promises",
    "genuine effort to fix problems",
    "right first time",
    "delivers when promised",
    "error-free records",
    "says when service will happen",
    "prompt service",
    "always willing to help",
    "never too busy to respond",
    "staff inspire confidence",
    "safe transactions",
    "consistently courteous",
    "staff knowledgeable",
    "individual attention (firm)",
    "convenient opening hours",
    "personal attention (staff)",
    "customer's interests at heart",
    "understands specific needs",
  ]),
);
