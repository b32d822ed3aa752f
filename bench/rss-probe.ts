// Preloaded into a benchmarked child process (node --import): on exit, writes the process's peak
// resident set size (kilobytes, all threads) to the file named by TRAJECT_BENCH_RSS_FILE.
// Lets the benchmark measure traject's CLI without changing it (/usr/bin/time is not available).
import { writeFileSync } from 'node:fs';

const target = process.env.TRAJECT_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
