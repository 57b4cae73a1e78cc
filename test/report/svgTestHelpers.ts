/** Reading the SVG the HTML renderer writes: elements of a class and their attributes. */

/** The attributes of one start tag's text. */
export function attributesOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** Every element with this class, in order: its tag name and attributes. */
export function elementsOf(
  svg: string,
  className: string,
): { tag: string; attrs: Record<string, string> }[] {
  const re = new RegExp(`<(\\w+) class="${className}"([^>]*)>`, "g");
  return [...svg.matchAll(re)].map((m) => ({
    tag: m[1] as string,
    attrs: attributesOf(m[2] ?? ""),
  }));
}

/** A number attribute. */
export function n(attrs: Record<string, string>, name: string): number {
  const v = Number(attrs[name]);
  if (!Number.isFinite(v)) throw new Error(`no number attribute ${name}`);
  return v;
}

/** The numbers of a path's `d` in order. */
export function pathNumbers(d: string | undefined): number[] {
  return [...(d ?? "").matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/** The translate(x,y) of a transform attribute. */
export function translateOf(transform: string | undefined): [number, number] {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(transform ?? "");
  if (m === null) throw new Error(`no translate in ${transform}`);
  return [Number(m[1]), Number(m[2])];
}
