import * as z from "zod";
import type { DeepReadonly } from "../_lib/DeepReadonly";
import { lazy } from "../_lib/lazy";
import { RESPONSE_FORMAT_NAMES } from "./facets";
import type { ResponseFormat } from "./types";

const FORBIDDEN_IDS = new Set(["__proto__", "constructor", "prototype"]);

const identifier = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
      message: "must be 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit",
    })
    .refine((id) => !FORBIDDEN_IDS.has(id), { message: "is a reserved JavaScript property name" }),
);

const label = /* @__PURE__ */ lazy(() => z.string().trim().min(1).max(200));

/** Zod schema of an item in an instrument specification (built on first call). */
export const itemSpecSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: identifier(),
    label: label(),
    reverse: z.boolean().default(false),
  }),
);

/** Zod schema of a dimension in an instrument specification (built on first call). */
export const dimensionSpecSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: identifier(),
    label: label(),
    items: z.array(itemSpecSchema()).min(1),
  }),
);

/** Zod schema of a rating scale in an instrument specification (built on first call). */
export const scaleSpecSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    min: z.number().finite(),
    max: z.number().finite(),
    step: z.number().finite().positive().default(1),
    labels: z.array(z.strictObject({ value: z.number().finite(), label: label() })).default([]),
    notApplicable: z.array(z.string().trim().min(1).max(40)).default([]),
  }),
);

/**
 * Zod schema of an instrument specification, the input of `defineInstrument`. Cross-field
 * rules (unique ids, min < max, labels on the scale) are checked by `defineInstrument`. Built on
 * first call, so bundles that never validate an instrument leave zod out.
 *
 * @example
 * instrumentSpecSchema().safeParse({ id: "x" }).success //=> false
 */
export const instrumentSpecSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: identifier(),
    name: label(),
    citation: z.string().max(500).default(""),
    scale: scaleSpecSchema(),
    format: z.enum(RESPONSE_FORMAT_NAMES as [ResponseFormat, ...ResponseFormat[]]),
    dimensions: z.array(dimensionSpecSchema()).min(1),
  }),
);

/** What `defineInstrument` accepts: optional fields may be left out. */
export type InstrumentSpec = DeepReadonly<z.input<ReturnType<typeof instrumentSpecSchema>>>;
