// Preloaded into a benchmarked child process (node --import): on exit, writes the process's peak
// resident set size (kilobytes, all threads) to the file named by TRAJECT_BENCH_RSS_FILE.
// Lets the benchmark measure traject's CLI without changing it (/usr/bin/time is not available).
// VmHWM is the peak of this process's own memory; getrusage's maxRSS, the fallback where there is
// no /proc, also counts the benchmark's RSS at the fork (Linux keeps it across exec).
import { readFileSync, writeFileSync } from 'node:fs';

function peakKb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

const target = process.env.TRAJECT_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(peakKb()));
  });
}
