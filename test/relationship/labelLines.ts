import fc from "fast-check";

type LabelCode = "formula-like-label" | "markup-in-label";
const F: LabelCode = "formula-like-label";
const M: LabelCode = "markup-in-label";

/** Labels with the issues each gets, worked out by hand from the rule (formula start, tag). */
const CUSTOMERS: readonly (readonly [string, readonly LabelCode[]])[] = [
  ["c1", []],
  ["c2", []],
  ["c12", []],
  ["@SUM(1)", [F]],
  ["-3", []], // a number
  ["=c1", [F]],
  ["<i>c9", [M]],
  ["c<2", []], // "<" opens no tag
  ["+4", [F]], // no leading + in the number grammar
];
const NAMES: readonly (readonly [string, readonly LabelCode[]])[] = [
  ["", []],
  ["p1", []],
  ["web", []],
  ["=p1", [F]],
  ["-5", []],
  ["<b>p</b>", [M]],
  ["+1", [F]],
  ["a<1", []],
  ["=<i>", [F, M]],
  ["@web", [F]],
  ["<script>", [M]],
];
/** Event id i written plainly, as a formula, as a negative number and with a tag. */
const IDS: readonly (readonly [(i: number) => string, readonly LabelCode[]])[] = [
  [(i) => `e${i}`, []],
  [(i) => `e${i}`, []],
  [(i) => `=e${i}`, [F]],
  [(i) => `-${i + 1}`, []],
  [(i) => `e${i}<b>`, [M]],
];

/**
 * Generated events files whose every line is kept (distinct ids, known types, valid times),
 * with labels that do or do not start like a formula or hold markup, and the label issues
 * expected of them.
 */
export const labelFile = fc
  .array(
    fc.tuple(
      fc.nat(IDS.length - 1),
      fc.nat(CUSTOMERS.length - 1),
      fc.nat(NAMES.length - 1),
      fc.nat(NAMES.length - 1),
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((picks) => {
    const counts: Record<string, number> = {};
    const count = (codes: readonly LabelCode[]) => {
      for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
    };
    const lines = picks.map(([d, c, p, h], i) => {
      const [id, idCodes] = IDS[d] as (typeof IDS)[number];
      const [customer, customerCodes] = CUSTOMERS[c] as (typeof CUSTOMERS)[number];
      const [product, productCodes] = NAMES[p] as (typeof NAMES)[number];
      const [channel, channelCodes] = NAMES[h] as (typeof NAMES)[number];
      for (const codes of [idCodes, customerCodes, productCodes, channelCodes]) count(codes);
      const day = String((i % 28) + 1).padStart(2, "0");
      return `${id(i)},${customer},2024-03-${day}T10:00:00Z,purchase,${i + 1},EUR,${product},${channel},`;
    });
    return { lines, counts };
  });
