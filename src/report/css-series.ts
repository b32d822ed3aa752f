// The style sheet of the SPEC 10 and 11 charts (small multiples of survival curves, bar lists
// and columns) and their tables; css.ts appends it to the report's style sheet. The same rules as
// there: text at fixed sizes of 11.5 px and up, marks placed in % of their box, no sideways
// scrolling on a phone (panels stand one below the other), panels kept whole on paper.

import { BAR, GRID, WHISKER } from './palette.js';

/** The fill under the survival curve (decoration: the line and the dots carry the values). */
const CURVE_FILL = '#dce7f2';
/** Axes of the small multiples: 3.9:1 on white. */
const AXIS = '#7b8794';

export const SERIES_CSS = `
.chart.mult{display:block;margin:8px 0 0}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:18px 24px}
.panel{min-width:0}
.ptitle{font-weight:700;font-size:14px;line-height:1.3;margin:0 0 4px}
.ptitle .pn{font-weight:400;font-size:12.5px;color:#4b5563;white-space:nowrap}
.pnote{font-size:12.5px;color:#3d4752;line-height:1.35;margin:4px 0 0}
.reading{max-width:800px;font-size:14px;color:#2f3a45;border-left:3px solid #8fa3b8;padding:2px 0 2px 10px;margin:12px 0}

.splot{display:grid;grid-template-columns:34px minmax(0,1fr);column-gap:6px;margin:12px 0 0}
.sarea{position:relative;height:130px;border-left:1.5px solid ${AXIS};border-bottom:1.5px solid ${AXIS};background:linear-gradient(${GRID},${GRID}) 0 0/100% 1px no-repeat,linear-gradient(${GRID},${GRID}) 0 50%/100% 1px no-repeat}
.sy{display:flex;flex-direction:column;justify-content:space-between;height:142px;margin-top:-6px;text-align:right;font-size:11.5px;line-height:12px;color:var(--muted);white-space:nowrap}
.sfill{position:absolute;bottom:0;background:${CURVE_FILL}}
.sline{position:absolute;height:0;border-top:2.5px solid ${BAR};margin-bottom:-1.25px}
.sdrop{position:absolute;width:0;border-left:2.5px solid ${BAR};margin-left:-1.25px}
.sgap{position:absolute;top:0;bottom:0}
.sci{position:absolute;width:9px;margin-left:-4.5px;border:solid ${WHISKER};border-width:1.5px 0;background:linear-gradient(${WHISKER},${WHISKER}) center/1.5px 100% no-repeat}
.sdot{position:absolute;width:9px;height:9px;margin:0 0 -4.5px -4.5px;border-radius:50%;background:${BAR};box-shadow:0 0 0 1.5px #fff}
.sx{display:grid;margin:3px 0 0 40px;font-size:12px;line-height:1.2;color:var(--muted)}
.sx>span{justify-self:start;transform:translateX(-50%);white-space:nowrap}
.sx>span:first-child{transform:none}
.sxt{font-size:11.5px;color:var(--muted);margin:0 0 0 40px;line-height:1.3}
.svals{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:4px;margin:8px 0 0;padding-top:5px;border-top:1px solid var(--line)}
.svc{display:flex;flex-direction:column;align-items:center;min-width:0}
.svl{font-size:11.5px;color:var(--muted);white-space:nowrap}
.svv{font-size:14px;font-weight:700;white-space:nowrap}
.svv.secret{font-weight:500}

.blist{display:grid;grid-template-columns:8.6em minmax(0,1fr) auto;column-gap:8px;font-size:13px;line-height:1.25}
.brow{grid-column:1/-1;display:grid;grid-template-columns:8.6em minmax(0,1fr) 3.6em;grid-template-columns:subgrid;align-items:center;min-height:22px}
.b-lab{text-align:right;color:#2f3a45;min-width:0}
.b-trk{position:relative;align-self:stretch;min-height:20px;background:repeating-linear-gradient(to right,${GRID} 0 1px,transparent 1px calc(100% / var(--ticks)));box-shadow:inset -1px 0 ${GRID}}
.b-trk .bar{height:11px;margin-top:-5.5px}
.b-trk .hatch{position:absolute;left:0;right:0;top:50%;height:12px;margin-top:-6px}
.b-val{font-weight:600;white-space:nowrap;text-align:right}
.b-val.secret{font-weight:500}
.blist.stacked{grid-template-columns:minmax(0,1fr) auto}
.blist.stacked .brow{grid-template-columns:minmax(0,1fr) auto;grid-template-columns:subgrid;min-height:0;padding-top:3px}
.blist.stacked .b-lab{grid-column:1;grid-row:1;text-align:left}
.blist.stacked .b-val{grid-column:2;grid-row:1}
.blist.stacked .b-trk{grid-column:1/-1;grid-row:2;min-height:16px}
.blist.stacked .baxis>.b-lab,.blist.stacked .baxis>.b-val{display:none}
.blist.stacked .baxis>.b-trk{grid-row:1;min-height:20px}
.baxis{min-height:20px}
.baxis>.b-trk{background:none;box-shadow:none}

.kcols{display:flex;gap:6px}
.kcol{flex:1 1 0;min-width:0;display:flex;flex-direction:column;text-align:center}
.k-val{height:18px;font-size:13px;font-weight:600;line-height:18px;white-space:nowrap}
.k-val.secret{font-weight:500}
.k-trk{position:relative;height:96px;border-bottom:1.5px solid ${AXIS};background:linear-gradient(${GRID},${GRID}) top/100% 1px no-repeat}
.kbar{position:absolute;bottom:0;left:20%;right:20%;background:${BAR}}
.kbar.open{background:#fff;border:2px dashed ${BAR};border-bottom:0}
.k-trk .hatch{position:absolute;top:0;bottom:0;left:20%;right:20%}
.kci{position:absolute;left:50%;width:10px;margin-left:-5px;border:solid ${WHISKER};border-width:1.5px 0;background:linear-gradient(${WHISKER},${WHISKER}) center/1.5px 100% no-repeat}
.k-lab{font-size:12.5px;line-height:1.25;padding-top:3px}
.k-lab.strong{font-weight:700}
.k-flag{display:block;font-size:11.5px;font-weight:400;color:var(--muted)}
.kscale{flex:none;width:34px;height:120px;padding-top:12px;display:flex;flex-direction:column;justify-content:space-between;text-align:right;font-size:11.5px;line-height:12px;color:var(--muted);white-space:nowrap}

.sw-step{background:linear-gradient(${BAR},${BAR}) 0 3px/50% 2.5px no-repeat,linear-gradient(${BAR},${BAR}) 50% 3px/2.5px 8px no-repeat,linear-gradient(${BAR},${BAR}) 100% 10.5px/50% 2.5px no-repeat}
table.groups{font-size:13.5px}
table.groups th,table.groups td{white-space:nowrap;padding:4px 8px}
table.groups thead th{text-transform:none;letter-spacing:0;white-space:normal}
table.groups tr.grouphead th{background:var(--soft);border-top:2px solid #c5ccd4;padding:6px 8px}
.top .caveat{margin:10px 0 0}
.card .big.words{font-size:22px;line-height:1.2;margin:4px 0}

@media print{
 .panel,.reading,.svals,.keep{break-inside:avoid;page-break-inside:avoid}
 table.groups tbody{break-inside:avoid;page-break-inside:avoid}
}
`;
