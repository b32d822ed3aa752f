// The report's style sheet: one constant, inserted with raw() (it is code, not input), and the
// header and footer of every printed page.
//
// Three media: a wide screen; a narrow one (up to 600 px: phones), where each chart row puts its
// label and numbers on one line and the bar on the next, across the full width, so that no text
// shrinks and nothing is wider than the screen; and paper (A4, @page and @media print).

import { raw } from './html.js';
import type { SafeHtml } from './html.js';
import { BAR, CAT_COLOUR, CAT_PATTERN, COMBINATION, GRID, HATCH, MUTED, REF_ALL, REF_REGION, SOFT, TRACK, WHISKER } from './palette.js';
import type { CategoryId } from '../model/model.js';
import { SERIES_CSS } from './css-series.js';

const categories = (Object.keys(CAT_COLOUR) as CategoryId[])
  .map((c) => `.cat-${c}{--c:${CAT_COLOUR[c]}${CAT_PATTERN[c] === null ? '' : `;background-image:${CAT_PATTERN[c]}`}}`)
  .join('\n');

const CSS = `
:root{--ink:#1f2933;--muted:${MUTED};--line:#d9dee4;--soft:${SOFT};--accent:#1d4f80;--ggz:${CAT_COLOUR.ggz};--red:#b91c1c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-variant-numeric:tabular-nums;overflow-wrap:break-word}
main{max-width:980px;margin:0 auto;padding:28px 32px 56px}
.banner{background:var(--red);color:#fff;padding:14px 32px}
.banner strong{display:block;font-size:20px;letter-spacing:.02em;text-transform:uppercase}
.banner span{display:block;max-width:980px;font-size:14px}
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
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
.lede{color:#3d4752;max-width:780px}
.caveat{background:#fff7e6;border-left:4px solid #d97706;padding:8px 12px;max-width:800px;font-size:14px}
.note{color:var(--muted);font-size:13px}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;margin:10px 0 6px}
.card{border:1px solid var(--line);border-top:4px solid #c9d3de;border-radius:8px;padding:10px 14px 12px;background:#fff}
.card .label{font-size:13px;color:var(--muted);font-weight:600}
.card .big{font-size:28px;font-weight:700;line-height:1.15;margin:2px 0 2px;letter-spacing:-.01em}
.card .small{font-size:12.5px;color:var(--muted);line-height:1.35}
.card.ggz{border-top-color:var(--ggz)}
.card.ggz .big{color:var(--ggz)}
.kindhead{font-size:14px;font-weight:700;margin:14px 0 0;color:var(--accent)}
figure{margin:14px 0 8px}
figcaption{font-weight:700;font-size:15px;margin-bottom:2px}
.secret{font-style:italic;color:var(--muted)}

/* Charts (charts/*.ts). Every row is a grid whose columns are shared by all rows of the chart
   (subgrid; where a browser lacks it, fixed widths): label, track, value, n, extra. */
.chart{--lab:158px;display:grid;grid-template-columns:var(--lab) minmax(0,1fr) auto auto;column-gap:12px;font-size:13.5px;line-height:1.3;margin:6px 0 0}
.chart.has-x{grid-template-columns:var(--lab) minmax(0,1fr) auto auto auto}
.chart.start{grid-template-columns:var(--lab) minmax(0,1fr) auto}
.crow,.cgroup{grid-column:1/-1;display:grid;grid-template-columns:var(--lab) minmax(0,1fr) 60px 64px 64px;grid-template-columns:subgrid}
.start .crow,.start .cgroup{grid-template-columns:var(--lab) minmax(0,1fr) 64px;grid-template-columns:subgrid}
.crow{align-items:center;min-height:26px}
.cgroup{border-top:1px solid var(--line)}
.crow>*{grid-row:1;min-width:0}
.c-lab{grid-column:1;text-align:right}
.c-lab.grouplabel{text-align:left;font-size:14px;font-weight:700}
.c-trk{grid-column:2;position:relative;align-self:stretch;min-height:26px}
.c-val{grid-column:3;font-weight:600;white-space:nowrap;min-width:44px}
.c-val.ref{font-weight:700}
.c-val.secret{font-weight:500}
.c-n{grid-column:4;text-align:right;white-space:nowrap;font-size:13px;color:#4b5563}
.c-x{grid-column:5;text-align:right;white-space:nowrap}
.bars .c-x{font-size:13px;color:#4b5563}
.start .c-x{grid-column:3;min-width:56px}
.ggzval{color:var(--ggz);font-weight:600}
.ggzval.ref{font-weight:700}
.ghead{min-height:32px}
.chead{min-height:22px;align-items:end}
.chart .chead>*{font-size:11.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;line-height:1.25;padding-bottom:2px}
.chead>.c-trk{min-height:0}
.chart .chead>.ggzhead{color:var(--ggz);font-weight:700}
.bars .crow:not(.chead):not(.axis)>.c-trk{background:repeating-linear-gradient(to right,${GRID} 0 1px,transparent 1px calc(100% / var(--ticks)));box-shadow:inset -1px 0 ${GRID}}
.bars .m>.c-trk::before{content:"";position:absolute;left:0;right:0;top:50%;height:12px;margin-top:-6px;background:${TRACK}}
.bar,.bars .hatch{position:absolute;left:0;top:50%;height:12px;margin-top:-6px}
.bar{background:${BAR}}
.bars .hatch{width:100%}
.hatch{background:${HATCH}}
.ci{position:absolute;top:50%;height:10px;margin-top:-5px;border:solid ${WHISKER};border-width:0 1.5px;background:linear-gradient(${WHISKER},${WHISKER}) center/100% 1.5px no-repeat}
.rl{position:absolute;top:0;bottom:0}
.rl-region{width:2.5px;margin-left:-1.25px;background:repeating-linear-gradient(${REF_REGION} 0 5px,transparent 5px 8px)}
.rl-all{width:2px;margin-left:-1px;background:${REF_ALL}}
.pill{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);background:#fff;border:1px solid #7b8794;border-radius:8px;padding:0 8px;font-size:11.5px;line-height:14px;font-style:italic;color:#4b5563;white-space:nowrap}
.axis{min-height:22px}
.axis>.c-trk{min-height:22px}
.tick{position:absolute;top:3px;transform:translateX(-50%);font-size:12px;line-height:1.2;color:var(--muted);white-space:nowrap}
.tick.first{transform:none}
.tick.last{transform:translateX(-100%)}
.stack{position:absolute;left:0;right:0;top:50%;height:18px;margin-top:-9px;display:flex;box-shadow:0 0 0 1px #7b8794}
.ref .stack{height:16px;margin-top:-8px}
.seg{flex:none;position:relative;height:100%;background-color:var(--c);box-shadow:inset -1px 0 #fff;display:flex;align-items:center;justify-content:center;overflow:hidden;container-type:inline-size}
.seg.rest{flex:1 1 0;box-shadow:none}
.combination{--c:${COMBINATION}}
${categories}
.segtext{font-size:11.5px;font-weight:600;line-height:14px;color:#1f2933;background:var(--c);padding:0 3px;border-radius:2px;white-space:nowrap}
.cat-ggz .segtext{color:#fff}
@container (max-width:33px){.segtext{display:none}}
@container (max-width:69px){.pill{display:none}}
details.numbers{margin:4px 0 0;font-size:13.5px}
details.numbers summary{cursor:pointer;color:var(--accent);width:max-content;max-width:100%}
details.numbers table{font-size:13px}

ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 4px;font-size:13px;color:#3d4752}
ul.legend li{display:flex;align-items:center;gap:6px}
ul.legend li.ggz{font-weight:700;color:var(--ggz)}
.sw{flex:none;display:inline-block;position:relative;width:28px;height:14px}
.sw-bar{background:linear-gradient(${BAR},${BAR}) 0 2px/100% 10px no-repeat}
.sw-ci{width:22px;margin:0 3px;border:solid ${WHISKER};border-width:2px 1.5px;border-color:transparent ${WHISKER};background:linear-gradient(${WHISKER},${WHISKER}) center/100% 1.5px no-repeat}
.sw-region{background:repeating-linear-gradient(${REF_REGION} 0 4px,transparent 4px 6px) center/2.5px 100% no-repeat}
.sw-all{background:linear-gradient(${REF_ALL},${REF_ALL}) center/2px 100% no-repeat}
.sw-hatch{background:${HATCH};background-clip:content-box;padding:2px 0}
.sw-seg{width:16px;height:12px;background-color:var(--c);box-shadow:inset 0 0 0 1px #7b8794}
.sw-seg.hatch{background:${HATCH}}

.tablewrap{overflow-x:auto;max-width:100%}
.tablewrap:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 6px}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid #b8c0c9;font-weight:600}
td.r,th.r{text-align:right}
table.numbers th,table.numbers td{padding:4px 8px;white-space:nowrap}
table.numbers thead th{text-transform:none;letter-spacing:0;white-space:normal}
table.cmp{table-layout:fixed;min-width:640px}
table.cmp col.c-what{width:36%}
table.cmp col.c-dir{width:24%}
table.cmp col.c-test{width:16%}
table.cmp tr.grouphead th{background:var(--soft);border-top:2px solid #c5ccd4;padding:7px 10px;font-weight:400}
table.cmp tr.grouphead .areaname{font-weight:700;margin-right:10px}
table.cmp tr.grouphead .ctx{color:var(--muted);font-size:13px}
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
.dir-na{color:var(--muted);font-style:italic}
.why{font-size:12px}
table.matrix td{text-align:center;font-size:15px;letter-spacing:.15em}
table.matrix th[scope=row]{white-space:nowrap}
table.matrix th[scope=row] .sub{display:inline}
table.matrix thead th{text-transform:none;letter-spacing:0;font-size:12px;text-align:center}
table.matrix thead th:first-child{text-align:left}
.ggzcol{background:#fdf1ea}
.g-higher{color:#1d4f80}.g-lower{color:#9a3412}.g-no_clear_difference{color:#4b5563}.g-na{color:var(--muted)}
dl.defs{display:grid;grid-template-columns:210px 1fr;gap:8px 20px;margin:10px 0}
dl.defs dt{font-weight:700}
dl.defs dd{margin:0;color:#2f3a45}
ul.warn{list-style:none;padding:8px 14px;margin:8px 0;background:#fff7e6;border-left:4px solid #d97706;max-width:860px}
ul.warn li{margin:4px 0;padding-left:22px;text-indent:-22px}
ul.warn li::before{content:"⚠";display:inline-block;width:22px;text-indent:0;color:#b45309}
ul.warn.info{background:var(--soft);border-left-color:#8fa3b8}
ul.warn.info li::before{content:"ℹ";color:#4b6584}
table.narrow{width:auto;min-width:min(420px,100%)}
footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
@media (forced-colors:active){.chart *,.sw{forced-color-adjust:none}}

@media (max-width:720px){main{padding:18px 14px 40px}.banner{padding:12px 14px}.cards{grid-template-columns:repeat(2,minmax(0,1fr))}dl.defs{grid-template-columns:1fr}}
@media (max-width:600px){
 h1{font-size:25px}
 .badge{border-radius:8px;padding:3px 10px}
 h2{font-size:20px;margin-top:36px}
 .cards{gap:8px}
 .card{padding:8px 10px 10px}
 .card .big{font-size:24px}
 .chart{grid-template-columns:minmax(0,1fr) auto auto}
 .chart.has-x{grid-template-columns:minmax(0,1fr) auto auto auto}
 .chart.start{grid-template-columns:minmax(0,1fr) auto}
 .crow,.cgroup{grid-template-columns:minmax(0,1fr) 60px 64px 64px;grid-template-columns:subgrid}
 .start .crow,.start .cgroup{grid-template-columns:minmax(0,1fr) 64px;grid-template-columns:subgrid}
 .crow{min-height:0;padding-top:5px;align-items:baseline}
 .c-lab,.c-lab.grouplabel{grid-column:1;text-align:left}
 .c-val{grid-column:2;text-align:right;min-width:0}
 .c-n{grid-column:3}
 .c-x{grid-column:4}
 .start .c-x{grid-column:2;min-width:0}
 .crow>.c-trk{grid-column:1/-1;grid-row:2;min-height:18px}
 .ghead{min-height:0;padding-top:8px}
 .bars .ref>.c-trk,.chead>.c-trk,.axis>.c-lab{display:none}
 .chart .chead>*{text-transform:none;letter-spacing:0}
 .axis>.c-trk{grid-row:1;min-height:22px}
 .dense .tick.odd{display:none}
}

@page{size:A4;margin:17mm 13mm 15mm}
@media print{
 html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 .banner{padding:8px 12px}
 a{color:inherit!important;text-decoration:none!important}
 nav.toc{display:block;color:var(--ink)}
 nav.toc::before{content:attr(aria-label) ": ";font-weight:600}
 nav.toc a+a::before{content:" · "}
 details.numbers{display:none}
 .tablewrap{overflow:visible}
 h2{margin-top:22px}
 h2,h3,figcaption,.kindhead,.lede,.caveat,ul.legend,dt,tr.grouphead{break-after:avoid;page-break-after:avoid}
 figure,.cards,.card,.crow,tr,table:not(.cmp),table.cmp tbody,dd,li,.lede,.caveat,ul.legend,.note{break-inside:avoid;page-break-inside:avoid}
}
`;

/** A string for a CSS "..." literal, inside <style>: no quote, backslash, < or > of its own. */
function cssString(s: string): string {
  return s.replace(/[\\"]/g, (c) => '\\' + c).replace(/[<>\n]/g, ' ');
}

/** What every printed page says besides its contents. */
export interface PrintedPage {
  /** The report's title, top left. */
  title: string;
  /** Top right: whether it may be published; red and bold for an internal report. */
  status: string;
  internal: boolean;
  /** Bottom right: "Pagina " n " van " N. */
  page: { page: string; of: string };
}

/**
 * The contents of the <style> element, with the header and footer of every printed page: texts
 * from the words, made safe for a CSS string (HTML escaping does not apply inside <style>).
 */
export function styleSheet(p: PrintedPage): SafeHtml {
  const box = 'font:9pt system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif';
  const status = p.internal ? `${box};font-weight:700;color:#b91c1c` : `${box};font-weight:600;color:#1f5130`;
  const page =
    `@page{@top-left{content:"${cssString(p.title)}";${box};color:${MUTED}}` +
    `@top-right{content:"${cssString(p.status)}";${status}}` +
    `@bottom-right{content:"${cssString(p.page.page)}" counter(page) "${cssString(p.page.of)}" counter(pages);${box};color:${MUTED}}}\n`;
  return raw(CSS + SERIES_CSS + page);
}
