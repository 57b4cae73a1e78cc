/**
 * Text made safe for HTML and SVG, in element content and in double- or single-quoted
 * attribute values: `&`, `<`, `>`, `"` and `'` become character references, so a label such
 * as `<script>alert(1)</script>` or `" onload="…` shows as text and never becomes markup.
 * Control characters other than tab and line breaks (not allowed in HTML text) become U+FFFD.
 *
 * Reference: WHATWG HTML, "Serializing HTML fragments" (escaping a string);
 * https://html.spec.whatwg.org/multipage/parsing.html#escapingString
 *
 * @example
 * escapeHtml(`<img src=x onerror="alert(1)">`) //=> "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&#39;";
      default:
        return "\uFFFD";
    }
  });
}
