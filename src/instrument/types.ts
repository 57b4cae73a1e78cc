import type { FACETS, RESPONSE_FORMATS } from "./facets";

/** The answer kinds a survey can collect for one item (the keys of the facet registry `FACETS`). */
export type Facet = keyof typeof FACETS;

/**
 * How an instrument asks its items: paired expectation and perception (SERVQUAL), the
 * three-column tolerance format (adequate, desired, perceived; Parasuraman, Zeithaml & Berry
 * 1994), perceptions alone (SERVPERF; Cronin & Taylor 1992) or expectations alone (managers'
 * estimates of customers' expectations for Gap 1; Parasuraman, Zeithaml & Berry 1985).
 */
export type ResponseFormat = keyof typeof RESPONSE_FORMATS;

/** A labelled point of a rating scale. */
export interface ScalePoint {
  readonly value: number;
  readonly label: string;
}

/** The rating scale every item of an instrument uses. */
export interface Scale {
  readonly min: number;
  readonly max: number;
  /** Distance between allowed answers; 1 for an integer Likert scale. */
  readonly step: number;
  /** Labels of some or all points (often only the two ends). */
  readonly labels: readonly ScalePoint[];
  /** Answers that mean "not applicable / no opinion": kept as missing by design, never an error. */
  readonly notApplicable: readonly string[];
}

/** One statement of an instrument. */
export interface Item {
  /** Identifier used in column names (`E_<id>`), unique within the instrument. */
  readonly id: string;
  /** A short paraphrase of the statement (never the original wording). */
  readonly label: string;
  /** True when agreement means worse service: answers are recoded as min + max − x. */
  readonly reverse: boolean;
}

/** A group of items scored together (tangibles, reliability, …). */
export interface Dimension {
  readonly id: string;
  readonly label: string;
  readonly items: readonly Item[];
}

/** A validated survey instrument, as returned by `defineInstrument`. */
export interface Instrument {
  readonly id: string;
  readonly name: string;
  readonly citation: string;
  readonly scale: Scale;
  readonly format: ResponseFormat;
  readonly dimensions: readonly Dimension[];
}
