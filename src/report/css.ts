// The report's style sheet: one constant, inserted with raw() (it is code, not input), and the
// printed page header of an internal report.

import { raw } from './html.js';
import type { SafeHtml } from './html.js';
import { CAT_COLOUR, REF_ALL, REF_REGION, WHISKER } from './palette.js';
import { W } from './charts/svg.js';

const CSS = `
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee4;--soft:#f4f6f8;--accent:#1d4f80;--ggz:${CAT_COLOUR.ggz};--red:#b91c1c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-variant-numeric:tabular-nums}
main{max-width:980px;margin:0 auto;padding:28px 32px 56px}
.banner{background:var(--red);color:#fff;padding:14px 32px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.banner strong{display:block;font-size:20px;letter-spacing:.02em;text-transform:uppercase}
.banner span{display:block;max-width:980px;font-size:14px;opacity:.95}
header.top{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:8px}
.eyebrow{color:var(--accent);font-weight:600;font-size:13px;letter-spacing:.06em;text-transform:uppercase;margin:0 0 6px}
h1{font-size:30px;line-height:1.2;margin:0 0 10px;letter-spacing:-.01em}
h2{font-size:22px;line-height:1.25;margin:44px 0 6px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 4px}
p{margin:0 0 10px}
.subtitle{font-size:16px;color:#3d4752;max-width:760px}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted);font-size:13px;margin-top:10px}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600}
.badge.safe{background:#e6f0e8;color:#1f5130}
.badge.internal{background:var(--red);color:#fff}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13.5px;margin:14px 0 0;color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none;white-space:nowrap}
nav.toc a:hover{text-decoration:underline}
.lede{color:#3d4752;max-width:780px}
.caveat{background:#fff7e6;border-left:4px solid #d97706;padding:8px 12px;max-width:800px;font-size:14px}
.note{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:10px 0 6px}
.card{border:1px solid var(--line);border-top:4px solid #c9d3de;border-radius:8px;padding:10px 14px 12px;background:#fff}
.card .label{font-size:13px;color:var(--muted);font-weight:600}
.card .big{font-size:28px;font-weight:700;line-height:1.15;margin:2px 0 2px;letter-spacing:-.01em}
.card .small{font-size:12.5px;color:var(--muted);line-height:1.35}
.card.ggz{border-top-color:var(--ggz)}
.card.ggz .big{color:var(--ggz)}
.kindhead{font-size:14px;font-weight:700;margin:14px 0 0;color:var(--accent)}
figure{margin:14px 0 8px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:700;font-size:15px;margin-bottom:2px}
svg.chart{display:block;width:100%;height:auto;max-width:${W}px}
svg.chart text{font-family:inherit;fill:var(--ink)}
svg .colhead{font-size:11.5px;fill:var(--muted)!important;text-transform:uppercase;letter-spacing:.04em}
svg .ggzhead{fill:var(--ggz)!important;font-weight:700}
svg .grouplabel{font-size:14px;font-weight:700}
svg .area{font-size:13.5px}
svg .val{font-size:13.5px;font-weight:600}
svg .val.ref{font-weight:700}
svg .num{font-size:13px;fill:#4b5563!important}
svg .secret{font-style:italic;font-weight:500;fill:#6b7280!important}
svg .ggzval{fill:var(--ggz)!important}
svg .tick{font-size:12px;fill:var(--muted)!important}
svg .track{fill:#f1f3f5}
svg .grid{stroke:#e3e7eb;stroke-width:1}
svg .sep{stroke:var(--line);stroke-width:1}
svg .ci line{stroke:${WHISKER};stroke-width:1.5}
svg .ref-region{stroke:${REF_REGION};stroke-width:2.5;stroke-dasharray:5 3}
svg .ref-all{stroke:${REF_ALL};stroke-width:2}
svg .pill{fill:#fff;stroke:#9ca3af;stroke-width:1}
svg .pilltext{font-size:11.5px;font-style:italic;fill:#4b5563!important}
svg .segtext{font-size:11.5px;font-weight:600;fill:#1f2933}
svg .segtext.on-dark{fill:#fff!important}
svg .outline{fill:none;stroke:#9aa3ad;stroke-width:.8}
svg .seg-ggz{stroke:#7c2d12;stroke-width:1}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 4px;font-size:13px;color:#3d4752}
ul.legend li{display:flex;align-items:center;gap:6px}
ul.legend li.ggz{font-weight:700;color:var(--ggz)}
svg.sw{flex:none}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 6px}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid #b8c0c9;font-weight:600}
td.r,th.r{text-align:right}
table.cmp{table-layout:fixed}
table.cmp col.c-what{width:36%}
table.cmp col.c-dir{width:24%}
table.cmp col.c-test{width:16%}
table.cmp tr.grouphead th{background:var(--soft);border-top:2px solid #c5ccd4;padding:7px 10px;font-weight:400}
table.cmp tr.grouphead .areaname{font-weight:700;margin-right:10px}
table.cmp tr.grouphead .ctx{color:var(--muted);font-size:13px}
table.cmp tbody{break-inside:avoid;page-break-inside:avoid}
tr.total td{font-weight:700;border-top:2px solid #b8c0c9}
.sub{display:block;font-size:12px;color:var(--muted);font-weight:400}
.areaname{font-weight:700}
td.kind{color:var(--muted);font-size:13px}
td.test{color:var(--muted);font-size:12.5px}
td.dir{padding-left:28px;text-indent:-18px}
.glyph{display:inline-block;width:18px;text-indent:0;text-align:left}
.dir-higher{color:#1d4f80;font-weight:600}
.dir-lower{color:#9a3412;font-weight:600}
.dir-no_clear_difference{color:#4b5563}
.dir-na{color:#8a94a0;font-style:italic}
.why{font-size:12px}
.secret{font-style:italic;color:#6b7280}
table.matrix td{text-align:center;font-size:15px;letter-spacing:.15em}
table.matrix th[scope=row]{white-space:nowrap}
table.matrix th[scope=row] .sub{display:inline}
table.matrix thead th{text-transform:none;letter-spacing:0;font-size:12px;text-align:center}
table.matrix thead th:first-child{text-align:left}
.ggzcol{background:#fdf1ea}
.g-higher{color:#1d4f80}.g-lower{color:#9a3412}.g-no_clear_difference{color:#6b7280}.g-na{color:#b0b8c1}
dl.defs{display:grid;grid-template-columns:210px 1fr;gap:8px 20px;margin:10px 0}
dl.defs dt{font-weight:700}
dl.defs dd{margin:0;color:#2f3a45}
ul.warn{list-style:none;padding:8px 14px;margin:8px 0;background:#fff7e6;border-left:4px solid #d97706;max-width:860px}
ul.warn li{margin:4px 0;padding-left:22px;text-indent:-22px}
ul.warn li::before{content:"⚠";display:inline-block;width:22px;text-indent:0;color:#b45309}
ul.warn.info{background:var(--soft);border-left-color:#8fa3b8}
ul.warn.info li::before{content:"ℹ";color:#4b6584}
table.narrow{width:auto;min-width:420px}
footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
@media (max-width:720px){main{padding:18px 14px 40px}.cards{grid-template-columns:repeat(2,1fr)}dl.defs{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 nav.toc{display:none}
 h2{break-after:avoid;page-break-after:avoid;margin-top:24px}
 h3,figcaption{break-after:avoid;page-break-after:avoid}
 table,figure,.cards{break-inside:avoid;page-break-inside:avoid}
 tr{break-inside:avoid;page-break-inside:avoid}
 .banner,.badge,.card,svg,.ggzcol,.caveat{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .banner{padding:8px 12px}
}
`;

/** A string for a CSS "..." literal, inside <style>: no quote, backslash, < or > of its own. */
function cssString(s: string): string {
  return s.replace(/[\\"]/g, (c) => '\\' + c).replace(/[<>\n]/g, ' ');
}

/**
 * The contents of the <style> element. Internal reports carry `pageHeader` on every printed
 * page; it is text from the words, made safe for a CSS string (HTML escaping does not apply
 * inside <style>).
 */
export function styleSheet(pageHeader: string | null): SafeHtml {
  return raw(
    CSS + (pageHeader === null ? '' : `@page{@top-center{content:"${cssString(pageHeader)}";color:#b91c1c;font:700 10pt system-ui,sans-serif}}\n`),
  );
}
