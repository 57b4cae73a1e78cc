/** A number with fixed decimals, or an em dash for null. */
export function fixed(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = value.toFixed(decimals);
  return text === `-${(0).toFixed(decimals)}` ? (0).toFixed(decimals) : text;
}

/** A share as a percentage (one decimal unless told), or an em dash. */
export function percent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${fixed(value * 100, decimals)}%`;
}

/** An interval as `[lower, upper]`. */
export function interval(lower: number | null, upper: number | null, decimals = 2): string {
  return `[${fixed(lower, decimals)}, ${fixed(upper, decimals)}]`;
}

/**
 * Text made safe for a Markdown table cell: markup and Markdown syntax escaped, pipes and line
 * breaks neutralised, so a label like `<script>` or `=HYPERLINK(…)` shows as inert text. Left
 * as they are, because CommonMark gives them no meaning: `&` that does not start an entity,
 * `<` before a space, digit, `=` or `.` (no tag or autolink starts so: "p < .001"), and `_`
 * between two letters or digits (`d_z`, `σ²_P`), which cannot open or close emphasis.
 *
 * @example
 * markdownText("<b>a_b</b> | *x*") //=> "&lt;b&gt;a_b&lt;/b&gt; \\| \\*x\\*"
 */
export function markdownText(text: string): string {
  return (
    text
      .replace(/&(?=#?\w+;)/g, "&amp;")
      // "<" before a space, digit or "=" cannot open a tag or an autolink ("p < .001" stays).
      .replace(/<(?![ \d=.])/g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/([\\`*[\]|#~])/g, "\\$1")
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
      .replace(/[\r\n\t]+/g, " ")
  );
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const rule = header.map((_, i) => ((align?.[i] ?? "l") === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** A p-value as R prints it at three decimals: `<0.001` below that, an em dash for null. */
export function pValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value < 0.001 ? "<0.001" : value.toFixed(3);
}
