import type { ChartSpec } from "../chart";
import { escapeHtml } from "./escape";
import { type ChartGeometry, FONT, LABEL_CHARS } from "./geometry";
import { px, shorten } from "./text";

/**
 * The axes of a chart: grid lines and tick labels of each linear axis, category labels of each
 * band axis (shortened, turned when crowded), the axis lines and both axis titles.
 */
export function chartAxes(chart: ChartSpec, g: ChartGeometry): string {
  const out: string[] = [];
  const bottom = g.top + g.plotHeight;
  const right = g.left + g.plotWidth;
  // x axis
  if (g.x.kind === "linear") {
    for (const t of g.x.ticks) {
      const x = px(g.x.at(t));
      out.push(
        `<line class="grid" x1="${x}" x2="${x}" y1="${g.top}" y2="${bottom}" stroke="#ddd"/>`,
        `<text class="tick-label" x="${x}" y="${bottom + 16}" text-anchor="middle" font-size="${FONT}">${t.toFixed(g.x.decimals)}</text>`,
      );
    }
  } else {
    for (const c of g.x.categories) {
      const x = px(g.x.at(c) + g.x.bandwidth / 2);
      const text = escapeHtml(shorten(c, LABEL_CHARS));
      out.push(
        g.rotateX
          ? `<text class="tick-label" transform="translate(${x},${bottom + 14}) rotate(-36)" text-anchor="end" font-size="${FONT}">${text}</text>`
          : `<text class="tick-label" x="${x}" y="${bottom + 16}" text-anchor="middle" font-size="${FONT}">${text}</text>`,
      );
    }
  }
  // y axis
  if (g.y.kind === "linear") {
    for (const t of g.y.ticks) {
      const y = px(g.y.at(t));
      out.push(
        `<line class="grid" x1="${g.left}" x2="${right}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
        `<text class="tick-label" x="${g.left - 6}" y="${y}" dy="0.35em" text-anchor="end" font-size="${FONT}">${t.toFixed(g.y.decimals)}</text>`,
      );
    }
  } else {
    for (const c of g.y.categories) {
      const y = px(g.y.at(c) + g.y.bandwidth / 2);
      out.push(
        `<text class="tick-label" x="${g.left - 6}" y="${y}" dy="0.35em" text-anchor="end" font-size="${FONT}">${escapeHtml(shorten(c, LABEL_CHARS))}</text>`,
      );
    }
  }
  out.push(
    `<path class="axis-line" d="M${g.left},${g.top}V${bottom}H${right}" fill="none" stroke="#333"/>`,
    `<text class="axis-title" data-axis="x" x="${px(g.left + g.plotWidth / 2)}" y="${g.height - 8}" text-anchor="middle" font-size="12" font-weight="bold">${escapeHtml(chart.x.title)}</text>`,
    `<text class="axis-title" data-axis="y" transform="translate(14,${px(g.top + g.plotHeight / 2)}) rotate(-90)" text-anchor="middle" font-size="12" font-weight="bold">${escapeHtml(chart.y.title)}</text>`,
  );
  return out.join("");
}
