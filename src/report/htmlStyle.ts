/**
 * The stylesheet of the HTML report, inlined in its `<style>` element (no external file or
 * font): system fonts, readable tables, charts that shrink to the page, and a print
 * stylesheet that starts each section on a new page and keeps tables and charts whole.
 */
export const HTML_STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
p.note { color: #444; font-size: 0.9rem; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1rem; }
.table-wrap:focus { outline: 2px solid #0072B2; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
th.r, td.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1rem 0 1.5rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart details { margin-top: 0.3rem; font-size: 0.85rem; }
figure.chart summary { cursor: pointer; color: #0a4f8a; }
footer { margin-top: 3rem; color: #555; font-size: 0.8rem; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.report-section + section.report-section { break-before: page; }
  h2 { break-after: avoid; }
  figure.chart, tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  figure.chart details { display: none; }
}
`.trim();
