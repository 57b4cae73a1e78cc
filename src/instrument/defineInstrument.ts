import { deepFreeze } from "../_lib/deepFreeze";
import { expectKind } from "../_lib/guards";
import { parseDecimal } from "../_lib/parseDecimal";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { zodIssues } from "../_lib/zodIssues";
import { type InstrumentSpec, instrumentSpecSchema } from "./instrumentSchema";
import type { Instrument } from "./types";

/**
 * Validates a survey instrument and returns it frozen, with every default filled in.
 *
 * Checks the shape (ids, labels, format) and the rules that span fields: scale `min < max`,
 * the range divisible by `step`, point labels on the scale, dimension ids unique, item ids
 * unique across the whole instrument (so each item sits in exactly one dimension), and no
 * "not applicable" token that is itself an answer on the scale (such as `"0"` on a 0–6 scale:
 * a cell holding it could mean either; a numeric code off the scale, such as `"99"` or `"-9"`,
 * is fine).
 *
 * @param spec - The instrument: id, name, scale, response format and dimensions with items.
 * @returns The validated, frozen {@link Instrument}.
 * @throws {ServqualError} `invalid-instrument`, listing every problem with its path.
 *
 * @example
 * const quick = defineInstrument({
 *   id: "quick-check",
 *   name: "Two-item check",
 *   scale: { min: 1, max: 5 },
 *   format: "perception-only",
 *   dimensions: [{ id: "speed", label: "Speed", items: [{ id: "s1", label: "served quickly" }] }],
 * });
 * quick.scale.step //=> 1
 */
export function defineInstrument(spec: InstrumentSpec): Instrument {
  expectKind("defineInstrument", "spec", spec, "object", "an instrument specification object");
  const parsed = instrumentSpecSchema().safeParse(spec);
  if (!parsed.success) {
    const issues = zodIssues(instrumentSpecSchema(), parsed.error.issues);
    throw new ServqualError("invalid-instrument", "The instrument is not valid.", issues);
  }
  const instrument = parsed.data;
  const issues = crossFieldIssues(instrument);
  if (issues.length > 0) {
    throw new ServqualError("invalid-instrument", "The instrument is not valid.", issues);
  }
  return deepFreeze(instrument);
}

function crossFieldIssues(instrument: Instrument): Issue[] {
  const issues: Issue[] = [];
  const { min, max, step } = instrument.scale;
  if (!(min < max)) {
    issues.push({
      code: "scale-range",
      message: `scale.min (${min}) must be below scale.max (${max})`,
      path: ["scale"],
    });
  } else if (!isMultiple(max - min, step)) {
    issues.push({
      code: "scale-step",
      message: `the scale range ${min}..${max} is not a whole number of steps of ${step}`,
      path: ["scale", "step"],
    });
  }
  instrument.scale.labels.forEach((point, index) => {
    if (point.value < min || point.value > max) {
      issues.push({
        code: "scale-label",
        message: `label "${point.label}" is for ${point.value}, outside the scale ${min}..${max}`,
        path: ["scale", "labels", index],
      });
    }
  });
  instrument.scale.notApplicable.forEach((token, index) => {
    const value = parseDecimal(token.trim());
    if (!Number.isFinite(value) || value < min || value > max) return;
    if (!isMultiple(value - min, step)) return;
    issues.push({
      code: "not-applicable-on-scale",
      message: `the not-applicable token "${token}" is also the answer ${value} on the scale ${min}..${max}, so a cell holding it would be ambiguous; use a token off the scale (such as "NA" or "99")`,
      path: ["scale", "notApplicable", index],
    });
  });
  const dimensionSeen = new Map<string, number>();
  const itemSeen = new Map<string, string>();
  instrument.dimensions.forEach((dimension, d) => {
    const first = dimensionSeen.get(dimension.id);
    if (first !== undefined) {
      issues.push({
        code: "duplicate-dimension",
        message: `dimension id "${dimension.id}" is used twice (dimensions ${first} and ${d})`,
        path: ["dimensions", d, "id"],
      });
    } else dimensionSeen.set(dimension.id, d);
    dimension.items.forEach((item, i) => {
      const owner = itemSeen.get(item.id);
      if (owner !== undefined) {
        issues.push({
          code: "duplicate-item",
          message: `item id "${item.id}" appears in dimension "${owner}" and again in "${dimension.id}"; each item belongs to exactly one dimension`,
          path: ["dimensions", d, "items", i, "id"],
        });
      } else itemSeen.set(item.id, dimension.id);
    });
  });
  return issues;
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}
