/**
 * Colours and shapes of the HTML report's charts. Categories are told apart twice: by an
 * Okabe–Ito colour (distinguishable with the common colour-vision deficiencies) and by a
 * shape (points, lines) or a fill pattern (bars), so a chart also reads in grey print.
 *
 * References: Okabe & Ito (2008), "Color Universal Design (CUD): how to make figures and
 * presentations that are friendly to colorblind people", https://jfly.uni-koeln.de/color/;
 * viridis (van der Walt & Smith 2015) for quantities, perceptually uniform and colour-blind safe.
 */

/** Okabe–Ito colours in the order categories take them (blue, orange, green, purple, …). */
export const CATEGORY_COLOURS: readonly string[] = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
];

/** The colour of category `i` (cycling after eight). */
export function categoryColour(i: number): string {
  return CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] as string;
}

/** Point shapes in category order, as SVG path data of size about 9 around (0, 0). */
const SHAPES: readonly string[] = [
  "M4.5,0A4.5,4.5 0 1,1 -4.5,0A4.5,4.5 0 1,1 4.5,0Z", // circle
  "M-4,-4H4V4H-4Z", // square
  "M0,-5L4.8,3.6H-4.8Z", // triangle up
  "M0,-5.5L5.5,0L0,5.5L-5.5,0Z", // diamond
  "M0,5L4.8,-3.6H-4.8Z", // triangle down
  "M-1.6,-5H1.6V-1.6H5V1.6H1.6V5H-1.6V1.6H-5V-1.6H-1.6Z", // plus
];

/** The point shape of category `i` as path data centred on (0, 0). */
export function categoryShape(i: number): string {
  return SHAPES[i % SHAPES.length] as string;
}

/** Line dash patterns in category order (solid first). */
const DASHES: readonly string[] = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];

/** The stroke-dasharray of series `i` ("" = solid). */
export function categoryDash(i: number): string {
  return DASHES[i % DASHES.length] as string;
}

/** Overlays of the fill patterns in category order: none, stripes, dots, cross-hatch, … */
const PATTERNS: readonly string[] = [
  "",
  '<path d="M-1,1L1,-1M0,6L6,0M5,7L7,5" stroke="#000" stroke-opacity="0.55" stroke-width="1.2"/>',
  '<circle cx="3" cy="3" r="1.2" fill="#000" fill-opacity="0.6"/>',
  '<path d="M0,0L6,6M6,0L0,6" stroke="#000" stroke-opacity="0.5" stroke-width="1"/>',
  '<path d="M0,3H6" stroke="#000" stroke-opacity="0.55" stroke-width="1.2"/>',
  '<path d="M3,0V6" stroke="#000" stroke-opacity="0.55" stroke-width="1.2"/>',
];

/**
 * The SVG `<pattern>` of bar category `i` (its colour with an overlay), or "" for category 0,
 * which is filled plainly. `id` must be unique in the page.
 */
export function categoryPattern(i: number, id: string): string {
  const overlay = PATTERNS[i % PATTERNS.length] as string;
  if (overlay === "") return "";
  return `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${categoryColour(i)}"/>${overlay}</pattern>`;
}

/** The fill of bar category `i`: its colour, or its pattern `url(#id)`. */
export function categoryFill(i: number, id: string): string {
  return (PATTERNS[i % PATTERNS.length] as string) === "" ? categoryColour(i) : `url(#${id})`;
}

/** viridis at five stops, from low to high. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The stops of the sequential scale, for a legend gradient. */
export const SEQUENTIAL_STOPS: readonly string[] = VIRIDIS.map(rgbHex);

function rgbHex([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A colour for t in [0, 1] on the viridis scale (linear between five stops), and whether text
 * on it should be white (dark end) or black.
 */
export function sequentialColour(t: number): { readonly fill: string; readonly dark: boolean } {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const a = VIRIDIS[i] as readonly [number, number, number];
  const b = VIRIDIS[i + 1] as readonly [number, number, number];
  const f = u - i;
  const rgb = [0, 1, 2].map(
    (k) => (a[k] as number) + ((b[k] as number) - (a[k] as number)) * f,
  ) as [number, number, number];
  // relative luminance (sRGB approximation) below one half: white text
  const luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
  return { fill: rgbHex(rgb), dark: luminance < 0.5 };
}
