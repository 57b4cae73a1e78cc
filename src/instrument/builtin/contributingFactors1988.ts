import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { sevenPointAgreement } from "./sevenPointAgreement";

/** A gap the contributing factors explain: 1 knowledge, 2 standards, 3 delivery, 4 communication. */
export type FactorGap = 1 | 2 | 3 | 4;

/**
 * One contributing factor of the extended gap model (Zeithaml, Berry & Parasuraman 1988):
 * the gap it drives and whether more of the construct reduces the gap (`reduces`, a − factor in
 * the literature) or widens it (`widens`, a + factor). Items of a `widens` factor are worded as
 * the construct and reverse-keyed, so every factor index reads "higher = better placed"
 * (narrower gap), and the weakest factors are the lowest indices.
 */
export interface ContributingFactor {
  readonly id: string;
  readonly gap: FactorGap;
  readonly direction: "reduces" | "widens";
}

type Entry = readonly [
  id: string,
  label: string,
  gap: FactorGap,
  widens: boolean,
  items: readonly string[],
];

/**
 * The item bank: three short paraphrases of our own per factor (the original ZBP 1988 and PBZ
 * 1991 wordings are not reproduced). Item ids are the factor's three-letter code and a number.
 */
const BANK: readonly Entry[] = [
  // Gap 1: knowledge
  [
    "marketingResearch",
    "marketing-research orientation",
    1,
    false,
    [
      "we regularly collect information about what customers expect",
      "research findings about customers reach the managers who decide",
      "managers talk directly with customers",
    ],
  ],
  [
    "upwardCommunication",
    "upward communication",
    1,
    false,
    [
      "managers often talk with front-line staff",
      "staff can easily pass customer feedback up to managers",
      "managers ask staff for ideas on serving customers",
    ],
  ],
  [
    "levelsOfManagement",
    "levels of management (reverse-keyed: higher = fewer layers)",
    1,
    true,
    [
      "many layers of management separate front-line staff from top management",
      "customer feedback passes through several managers before it reaches the top",
      "decisions about service go up a long chain of command",
    ],
  ],
  // Gap 2: standards
  [
    "managementCommitment",
    "management commitment to service quality",
    2,
    false,
    [
      "management gives service quality the resources it needs",
      "good service is rewarded as much as productivity",
      "managers treat service quality as a top priority",
    ],
  ],
  [
    "goalSetting",
    "goal setting",
    2,
    false,
    [
      "we have specific goals for the quality of service",
      "our service goals are based on what customers want",
      "we measure and report how well we meet our service goals",
    ],
  ],
  [
    "taskStandardisation",
    "task standardisation",
    2,
    false,
    [
      "technology is used to make routine service tasks consistent",
      "our service procedures are written down and followed",
      "routine tasks are done the same way each time",
    ],
  ],
  [
    "perceivedFeasibility",
    "perceived feasibility",
    2,
    false,
    [
      "we have the capabilities to meet customers' requirements",
      "management believes customers' expectations can be met",
      "our systems let us deliver the service customers want",
    ],
  ],
  // Gap 3: delivery
  [
    "teamwork",
    "teamwork",
    3,
    false,
    [
      "staff help each other to serve customers",
      "I feel part of a team at work",
      "colleagues cooperate rather than compete",
    ],
  ],
  [
    "employeeJobFit",
    "employee–job fit",
    3,
    false,
    [
      "I have the skills my job requires",
      "the firm hires people who can do this job well",
      "I get the training I need to serve customers",
    ],
  ],
  [
    "technologyJobFit",
    "technology–job fit",
    3,
    false,
    [
      "the tools and equipment I use suit my job",
      "our systems help me serve customers well",
      "equipment rarely fails when I need it",
    ],
  ],
  [
    "perceivedControl",
    "perceived control",
    3,
    false,
    [
      "I can solve customers' problems without asking permission",
      "I am free to decide how to serve a customer",
      "what affects my service to customers is within my control",
    ],
  ],
  [
    "supervisoryControl",
    "supervisory control systems",
    3,
    false,
    [
      "my performance is judged by how well I serve customers",
      "I am rewarded for good service to customers",
      "my supervisor looks at service quality, not only output",
    ],
  ],
  [
    "roleConflict",
    "role conflict (reverse-keyed: higher = less conflict)",
    3,
    true,
    [
      "customers and the firm expect conflicting things from me",
      "I have too many customers to serve each one well",
      "paperwork keeps me from serving customers",
    ],
  ],
  [
    "roleAmbiguity",
    "role ambiguity (reverse-keyed: higher = clearer role)",
    3,
    true,
    [
      "I am unsure what my supervisor expects of me",
      "I do not know how my performance is evaluated",
      "I am not told about changes that affect my work",
    ],
  ],
  // Gap 4: communication
  [
    "horizontalCommunication",
    "horizontal communication",
    4,
    false,
    [
      "staff who serve customers take part in planning what advertising says",
      "I am told in advance what advertising promises customers",
      "all branches and departments follow the same service policies",
    ],
  ],
  [
    "overpromising",
    "propensity to overpromise (reverse-keyed: higher = less overpromising)",
    4,
    true,
    [
      "competition pushes us to promise more than we can deliver",
      "our advertising promises more than we deliver",
      "staff promise customers things we cannot keep to win their business",
    ],
  ],
];

const CODES: Readonly<Record<string, string>> = {
  marketingResearch: "mro",
  upwardCommunication: "upc",
  levelsOfManagement: "lvl",
  managementCommitment: "mcm",
  goalSetting: "gls",
  taskStandardisation: "tsd",
  perceivedFeasibility: "pfe",
  teamwork: "tmw",
  employeeJobFit: "ejf",
  technologyJobFit: "tjf",
  perceivedControl: "pct",
  supervisoryControl: "scs",
  roleConflict: "rcf",
  roleAmbiguity: "ram",
  horizontalCommunication: "hzc",
  overpromising: "opp",
};

/**
 * The contributing factors of gaps 1–4 (Zeithaml, Berry & Parasuraman 1988, J. Marketing
 * 52(2):35–48; tested with manager and employee surveys by Parasuraman, Berry & Zeithaml 1991,
 * Human Resource Management 30(3):335–364), one entry per factor, in gap order.
 */
export const CONTRIBUTING_FACTORS: readonly ContributingFactor[] = deepFreeze(
  BANK.map(
    ([id, , gap, widens]) => ({ id, gap, direction: widens ? "widens" : "reduces" }) as const,
  ),
);

/**
 * The contributing-factor survey: 16 factors of gaps 1–4 (Zeithaml, Berry & Parasuraman 1988),
 * three items each, answered by managers or employees on the 7-point agreement scale. Each
 * factor is a dimension (id = factor id, e.g. `roleConflict`); items are short paraphrases of
 * our own with ids such as `rcf1`. The items of the four factors that widen a gap (levels of
 * management, role conflict, role ambiguity, propensity to overpromise) are reverse-keyed, so
 * a high factor index always means the organisation is well placed on that factor.
 *
 * Format `perception-only`: each item has one answer (the respondent's agreement);
 * `validateFactorSurvey` reads the columns named by the item ids (`mro1`, …).
 */
export const contributingFactors1988: Instrument = deepFreeze({
  id: "contributing-factors-1988",
  name: "Gap-model contributing factors (16 factors, 48 items)",
  citation:
    "Zeithaml, V. A., Berry, L. L., & Parasuraman, A. (1988). Communication and control processes in the delivery of service quality. Journal of Marketing, 52(2), 35–48. Item wordings are paraphrases of our own.",
  scale: sevenPointAgreement,
  format: "perception-only",
  dimensions: BANK.map(([id, label, , widens, items]) => ({
    id,
    label,
    items: items.map((text, i) => ({
      id: `${CODES[id]}${i + 1}`,
      label: text,
      reverse: widens,
    })),
  })),
});
