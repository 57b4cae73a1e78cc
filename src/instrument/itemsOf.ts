import { expectShape, shapes } from "../_lib/guards";
import type { Instrument, Item } from "./types";

/** An item together with the index and id of its dimension. */
export interface PlacedItem extends Item {
  readonly dimensionId: string;
  readonly dimensionIndex: number;
  /** Position of the item in instrument order (dimension by dimension). */
  readonly index: number;
}

/**
 * Every item of an instrument in order, each with its dimension.
 *
 * @example
 * itemsOf(instruments.servqual22).length //=> 22
 */
export function itemsOf(instrument: Instrument): readonly PlacedItem[] {
  expectShape("itemsOf", "instrument", instrument, shapes.instrument);
  const placed: PlacedItem[] = [];
  instrument.dimensions.forEach((dimension, dimensionIndex) => {
    for (const item of dimension.items) {
      placed.push({
        ...item,
        dimensionId: dimension.id,
        dimensionIndex,
        index: placed.length,
      });
    }
  });
  return placed;
}
