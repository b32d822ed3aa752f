// report.pdf (`traject analyse --pdf`): report.html printed by headless Chromium, which the
// report's print style sheet lays out on A4 pages. Chromium is a program on the machine, not a
// dependency: TRAJECT_CHROMIUM names it, or the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable on the PATH. Without it the run says so and writes
// every other output.
//
// The PDF is the one output that is not byte-identical between runs: Chromium writes the moment
// of printing into it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

// The report has no script and its Content-Security-Policy blocks every request, so Chromium
// runs without its sandbox (which it cannot use as root, for example in a container); the rest
// keeps it from reaching the network for updates and the like.
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FLAGS = [...CHROMIUM_FLAGS, '--no-pdf-header-footer'];

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to print with, or null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.TRAJECT_CHROMIUM;
  if (given !== undefined && given !== '') return isExecutable(given) ? given : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of NAMES) if (isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** The report printed to PDF, or why not. Works in a temporary folder of its own, removed afterwards. */
export function printPdf(html: string, chromium: string, timeoutMs = 120_000): { pdf: Buffer } | { problem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'traject-pdf-'));
  try {
    const src = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    writeFileSync(src, html);
    const r = spawnSync(chromium, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`, pathToFileURL(src).href], {
      stdio: 'ignore',
      timeout: timeoutMs,
    });
    if (r.error) return { problem: `${chromium} did not run (${r.error.message})` };
    if (r.status !== 0) return { problem: `${chromium} stopped with ${r.signal ?? `exit code ${r.status}`}` };
    const pdf = existsSync(out) ? readFileSync(out) : null;
    if (pdf === null || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return { problem: `${chromium} wrote no PDF` };
    return { pdf };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `--pdf` does with the finished report.html: the PDF, or null after saying on `warn`
 * why there is none (the run goes on and writes the other outputs).
 */
export function reportPdf(html: string, warn: (s: string) => void, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const chromium = findChromium(env);
  if (chromium === null) {
    const where = env.TRAJECT_CHROMIUM ? `TRAJECT_CHROMIUM=${env.TRAJECT_CHROMIUM} is not a program` : 'no chromium, chromium-browser, google-chrome or google-chrome-stable on the PATH; set TRAJECT_CHROMIUM';
    warn(`--pdf: Chromium not found (${where}); report.pdf not written, the other outputs are`);
    return null;
  }
  const r = printPdf(html, chromium);
  if ('problem' in r) {
    warn(`--pdf: ${r.problem}; report.pdf not written, the other outputs are`);
    return null;
  }
  return r.pdf;
}
