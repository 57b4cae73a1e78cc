import { deepFreeze } from "../../_lib/deepFreeze";
import type { Instrument } from "../types";
import { sevenPointAgreement } from "./sevenPointAgreement";

/** The constructs of relationship quality the bank measures. */
export type RelationshipConstruct =
  | "trust"
  | "commitment"
  | "satisfaction"
  | "mutualGoals"
  | "cooperativeNorms";

/**
 * One facet of the relationship item bank: the construct it belongs to, the item-id code, and
 * the literature the facet is taken from (the wording of its items is ours).
 */
export interface RelationshipFacet {
  readonly id: string;
  readonly label: string;
  readonly construct: RelationshipConstruct;
  readonly source: string;
}

type Entry = readonly [
  id: string,
  label: string,
  construct: RelationshipConstruct,
  code: string,
  source: string,
  items: readonly (readonly [text: string, reverse: boolean])[],
];

const MH = "Morgan & Hunt 1994";
const DC = "Doney & Cannon 1997";
const AM = "Allen & Meyer 1990";

/**
 * The bank: short statements of our own about "this bank/firm", answered by its customers
 * (no published wording is reproduced). Item ids are the facet's three-letter code and a number.
 */
const BANK: readonly Entry[] = [
  [
    "benevolence",
    "trust: benevolence",
    "trust",
    "tbe",
    `${DC}; Ganesan 1994; Mayer, Davis & Schoorman 1995`,
    [
      ["the firm cares about what is good for me, not only for itself", false],
      ["when something goes wrong, the firm looks after my interests", false],
      ["the firm would not take advantage of me even if it could", false],
    ],
  ],
  [
    "honesty",
    "trust: honesty and integrity",
    "trust",
    "tho",
    `${MH}; ${DC}`,
    [
      ["the firm is straight with me", false],
      ["what the firm tells me is true", false],
      ["the firm keeps the promises it makes to me", false],
      ["I sometimes doubt that the firm is telling me the whole story", true],
    ],
  ],
  [
    "reliability",
    "trust: reliability",
    "trust",
    "trl",
    `${MH}; ${DC}`,
    [
      ["I can count on the firm to do what it should", false],
      ["the firm is consistent from one contact to the next", false],
      ["I know what to expect when I deal with the firm", false],
    ],
  ],
  [
    "competence",
    "trust: competence and expertise",
    "trust",
    "tco",
    `${DC}; Mayer, Davis & Schoorman 1995 (ability)`,
    [
      ["the firm knows its business well", false],
      ["the staff I deal with have the expertise my needs call for", false],
      ["the firm is able to solve the problems I bring to it", false],
    ],
  ],
  [
    "affective",
    "commitment: affective (want to stay)",
    "commitment",
    "caf",
    `${AM}; ${MH}`,
    [
      ["I feel attached to this firm", false],
      ["my relationship with the firm matters a lot to me", false],
      ["I want this relationship to last", false],
      ["the relationship means little to me", true],
    ],
  ],
  [
    "calculative",
    "commitment: calculative or continuance (cost of leaving)",
    "commitment",
    "cca",
    `${AM} (continuance); Fullerton 2005`,
    [
      ["changing to another firm would cost me too much", false],
      ["I stay partly because leaving would be a lot of trouble", false],
      ["I would lose benefits if I moved to another firm", false],
    ],
  ],
  [
    "normative",
    "commitment: normative (ought to stay)",
    "commitment",
    "cnm",
    AM,
    [
      ["I feel I owe it to the firm to stay", false],
      ["leaving the firm now would not feel right", false],
      ["I feel some loyalty to the firm is expected of me", false],
    ],
  ],
  [
    "satisfaction",
    "satisfaction with the relationship",
    "satisfaction",
    "sat",
    "Crosby, Evans & Cowles 1990",
    [
      ["overall, I am pleased with the firm", false],
      ["the relationship with the firm meets my needs", false],
      ["dealing with the firm is a good experience", false],
    ],
  ],
  [
    "mutualGoals",
    "mutual goals and shared values",
    "mutualGoals",
    "mgo",
    `${MH} (shared values)`,
    [
      ["the firm and I want the same things from this relationship", false],
      ["the firm's values are close to mine", false],
      ["the firm and I work toward common goals", false],
    ],
  ],
  [
    "cooperativeNorms",
    "cooperative norms",
    "cooperativeNorms",
    "cop",
    `${MH} (cooperation); Cannon & Perreault 1999`,
    [
      ["the firm and I solve problems together", false],
      ["the firm is flexible when my situation changes", false],
      ["the firm shares information that helps me", false],
    ],
  ],
];

/**
 * The facets of the relationship item bank, in bank order: trust (benevolence, honesty,
 * reliability, competence), commitment (affective, calculative, normative), satisfaction,
 * mutual goals and cooperative norms.
 */
export const RELATIONSHIP_FACETS: readonly RelationshipFacet[] = deepFreeze(
  BANK.map(([id, label, construct, , source]) => ({ id, label, construct, source })),
);

/**
 * The relationship-quality item bank (trust, commitment, satisfaction, mutual goals,
 * cooperative norms), answered by customers on the 7-point agreement scale. Each facet is a
 * dimension (`benevolence`, `honesty`, …, `cooperativeNorms`); items are short statements of
 * our own with ids such as `tbe1`. Two items are reverse-keyed (`tho4`, `caf4`) and recoded as
 * 8 − x on validation. Sources of the facets: Morgan & Hunt (1994), Doney & Cannon (1997),
 * Allen & Meyer (1990), Crosby, Evans & Cowles (1990); the wording is ours.
 *
 * Format `perception-only`: one answer per item; `validateRelationshipSurvey` reads the
 * columns named by the item ids. A survey may use only some facets: build its instrument with
 * `relationshipInstrument(["benevolence", "honesty"])`.
 *
 * @example
 * relationshipBank.dimensions.map((d) => d.id).slice(0, 4)
 * //=> ["benevolence", "honesty", "reliability", "competence"]
 */
export const relationshipBank: Instrument = deepFreeze({
  id: "relationship-quality-bank",
  name: "Relationship quality item bank (10 facets, 32 items)",
  citation:
    "Facets after Morgan, R. M., & Hunt, S. D. (1994), J. Marketing 58(3), 20–38; Doney, P. M., & Cannon, J. P. (1997), J. Marketing 61(2), 35–51; Allen, N. J., & Meyer, J. P. (1990), J. Occupational Psychology 63(1), 1–18; Crosby, Evans & Cowles (1990), J. Marketing 54(3), 68–81. Item wordings are ours.",
  scale: sevenPointAgreement,
  format: "perception-only",
  dimensions: BANK.map(([id, label, , code, , items]) => ({
    id,
    label,
    items: items.map(([text, reverse], i) => ({ id: `${code}${i + 1}`, label: text, reverse })),
  })),
});
