import { deepFreeze } from "../../_lib/deepFreeze";
import type { Scale } from "../types";

/** The 7-point agreement scale of SERVQUAL and SERVPERF; only the ends are labelled. */
export const sevenPointAgreement: Scale = deepFreeze({
  min: 1,
  max: 7,
  step: 1,
  labels: [
    { value: 1, label: "strongly disagree" },
    { value: 7, label: "strongly agree" },
  ],
  notApplicable: [],
});

/** The 9-point low–high scale of the three-column formats, with a "no opinion" answer. */
export const ninePointWithNoOpinion: Scale = deepFreeze({
  min: 1,
  max: 9,
  step: 1,
  labels: [
    { value: 1, label: "low" },
    { value: 9, label: "high" },
  ],
  notApplicable: ["N", "N/A", "NA"],
});
