import type { ChartSpec } from "../chart";
import { escapeHtml } from "./escape";
import { showValue } from "./marks";

/**
 * The data of a chart as an HTML table, the text alternative a screen reader or a reader of
 * the source can use: one row per data row, one column per field (headed by its channel's
 * title when a channel draws it), numbers to two decimals, null as "—", all escaped.
 *
 * @example
 * chartDataTable(chart) //=> "<table class=\"chart-data\">…"
 */
export function chartDataTable(chart: ChartSpec): string {
  const fields: string[] = [];
  for (const row of chart.data) {
    for (const key of Object.keys(row)) if (!fields.includes(key)) fields.push(key);
  }
  const titles = new Map<string, string>();
  for (const c of [chart.x, chart.y, chart.color]) if (c !== null) titles.set(c.field, c.title);
  for (const r of [chart.interval, chart.band]) {
    if (r === null || r === undefined) continue;
    titles.set(r.lower, `${r.title}: lower`);
    titles.set(r.upper, `${r.title}: upper`);
  }
  const header = fields
    .map((f) => `<th scope="col">${escapeHtml(titles.get(f) ?? f)}</th>`)
    .join("");
  const body = chart.data
    .map(
      (row) =>
        `<tr>${fields
          .map((f) => {
            const v = row[f];
            const cls = typeof v === "number" || v === null ? ' class="r"' : "";
            return `<td${cls}>${escapeHtml(showValue(v))}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  return `<table class="chart-data"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`;
}
