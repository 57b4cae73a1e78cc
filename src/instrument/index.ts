export {
  CONTRIBUTING_FACTORS,
  type ContributingFactor,
  contributingFactors1988,
  type FactorGap,
} from "./builtin/contributingFactors1988";
export {
  RELATIONSHIP_FACETS,
  type RelationshipConstruct,
  type RelationshipFacet,
  relationshipBank,
} from "./builtin/relationshipBank";
export { defineInstrument } from "./defineInstrument";
export {
  defaultColumnPrefix,
  FACET_NAMES,
  FACETS,
  type FacetInfo,
  facetsOf,
  RESPONSE_FORMAT_NAMES,
  RESPONSE_FORMATS,
} from "./facets";
export {
  dimensionSpecSchema,
  type InstrumentSpec,
  instrumentSpecSchema,
  itemSpecSchema,
  scaleSpecSchema,
} from "./instrumentSchema";
export { instruments } from "./instruments";
export { itemsOf, type PlacedItem } from "./itemsOf";
export { instrumentJsonSchema } from "./jsonSchema";
export { relationshipInstrument } from "./relationshipInstrument";
export type {
  Dimension,
  Facet,
  Instrument,
  Item,
  ResponseFormat,
  Scale,
  ScalePoint,
} from "./types";
