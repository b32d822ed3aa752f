// Progress on stderr: a live bar on a terminal, a plain line every few seconds otherwise,
// nothing with --quiet. It shows counts and rates only, never a row value.
import type { Progress } from '../run/run.js';

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return quiet ? 'quiet' : stream.isTTY ? 'bar' : 'lines';
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtSec = (s: number) => (s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(1)}s`);

export function progressReporter(mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr, now = () => performance.now()) {
  const t0 = now();
  let last = -Infinity;
  return (p: Progress) => {
    if (mode === 'quiet') return;
    const t = now();
    const secs = (t - t0) / 1000;
    const rate = secs > 0 ? p.rowsRead / secs : 0;
    const frac = p.bytesTotal > 0 ? p.bytesRead / p.bytesTotal : 1;
    const left = frac > 0 && frac < 1 ? (secs / frac) * (1 - frac) : 0;
    if (mode === 'bar') {
      if (p.phase === 'read' && t - last < 100) return;
      last = t;
      const width = 28;
      const filled = Math.round(frac * width);
      const what = p.phase === 'read' ? `${fmtInt(p.rowsRead)} rows  ${fmtInt(rate)} rows/s  ${fmtSec(left)} left` : p.phase === 'aggregate' ? 'stitching trajectories…' : 'done';
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${what}\x1b[K`);
      if (p.phase === 'done') stream.write('\n');
    } else {
      if (p.phase === 'read' && t - last < 2000) return;
      last = t;
      if (p.phase === 'read') stream.write(`traject: read ${fmtInt(p.rowsRead)} rows (${(frac * 100).toFixed(0)}%), ${fmtInt(rate)} rows/s\n`);
      else if (p.phase === 'aggregate') stream.write(`traject: read ${fmtInt(p.rowsRead)} rows; stitching trajectories\n`);
    }
  };
}
