/** Text measurement and shortening for the SVG charts (no font metrics: an estimate). */

/** Average advance of a character in a sans-serif font, as a share of the font size. */
const ADVANCE = 0.58;

/**
 * The estimated width in pixels of a text in a sans-serif font of `size` pixels: 0.58 em a
 * character, enough to place labels and margins (browsers render the real width).
 *
 * @example
 * textWidth("Tangibles", 10) //=> 52.2
 */
export function textWidth(text: string, size: number): number {
  return [...text].length * size * ADVANCE;
}

/**
 * A label cut to at most `max` characters with an ellipsis; the full text stays in the chart's
 * data table and the mark's tooltip.
 *
 * @example
 * shorten("Employees who are consistently courteous", 20) //=> "Employees who are c…"
 */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/[\r\n\t]+/g, " ")];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/** A finite number from a data row's field, or null. */
export function finiteOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A coordinate rounded to 0.1 px (shorter SVG, no visible difference). */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
