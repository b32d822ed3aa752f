// Reading and appending the publication ledger file (`--ledger`; the logic is disclosure/ledger.ts).
//
// A run with a ledger:
//  1. open: takes `<ledger>.lock` (one run at a time), finishes or discards what an interrupted run
//     left in `<ledger>.pending`, reads the ledger (or starts an empty one) and checks that it was
//     written by this engine version with the run's disclosure settings;
//  2. the run compares its exact counts with the ledger's (run.ts, ledgerHolds);
//  3. publish: writes the new ledger beside the old as `<ledger>.pending`, then the outputs
//     (atomically, write.ts), then renames the pending file over the ledger. A run that fails before
//     the outputs are in place leaves the ledger as it was. A crash between the two renames leaves the
//     pending file, which the next run with this ledger applies when the output folder holds the
//     manifest it was written for, and discards otherwise;
//  4. release: removes the lock (and a pending file that was not applied).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { DEFAULT_DISCLOSURE } from '../disclosure/disclosure.js';
import type { DisclosureSettings } from '../model/manifest.js';
import { checkSettings, emptyLedger, LedgerError, parseLedger, publishedCells, serialiseLedger, withRun, type Ledger } from '../disclosure/ledger.js';
import { RunError } from '../model/errors.js';
import { ENGINE_VERSION } from '../run/manifest.js';
import type { RunOptions, RunResult } from '../run/run.js';
import type { OutputFile } from './write.js';

export class LedgerFile {
  #outputsWritten = false;
  #pendingWritten = false;
  #added = 0;

  private constructor(
    /** The ledger as read (or empty): what this run compares with. */
    readonly ledger: Ledger,
    private readonly path: string,
    private readonly lock: string,
  ) {}

  /**
   * Opens `file` for a run with these options (their disclosure settings, output folder and inputs).
   * Throws a RunError (exit 1) when the run cannot use it; then nothing is locked or changed.
   */
  static open(file: string, opts: Pick<RunOptions, 'disclosure' | 'threshold' | 'roundingBase' | 'inputs' | 'codes' | 'regions'> & { out: string }): LedgerFile {
    const settings: DisclosureSettings = {
      ...DEFAULT_DISCLOSURE,
      mode: opts.disclosure ?? DEFAULT_DISCLOSURE.mode,
      threshold: opts.threshold ?? DEFAULT_DISCLOSURE.threshold,
      roundingBase: opts.roundingBase ?? DEFAULT_DISCLOSURE.roundingBase,
    };
    const path = resolve(file);
    const real = (p: string) => { try { return realpathSync(p); } catch { return resolve(p); } };
    const out = real(opts.out);
    const at = resolve(real(dirname(path)), basename(path));
    if (at === out || at.startsWith(out + sep)) {
      throw new RunError(`--ledger ${file}: the ledger holds exact small counts and is not for publication, so it must never be in the output folder ${opts.out}; keep it with the data`);
    }
    const inputs = [...opts.inputs.map((i) => (typeof i === 'string' ? i : i.path)), opts.codes, ...(opts.regions ? [opts.regions] : [])];
    if (inputs.some((i) => real(i) === real(path))) throw new RunError(`--ledger ${file}: that is an input of this run; name a ledger file of its own`);
    if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw new RunError(`--ledger ${file}: the folder ${dirname(file)} does not exist`);
    if (existsSync(path) && !statSync(path).isFile()) throw new RunError(`--ledger ${file}: exists and is not a file`);
    // An internal run, before anything is locked.
    try {
      checkSettings(emptyLedger(file, ENGINE_VERSION, settings), settings);
    } catch (e) {
      throw asRunError(e);
    }
    const lock = path + '.lock';
    takeLock(lock, file);
    try {
      recoverPending(path);
      const ledger = existsSync(path) ? parseLedger(readFileSync(path, 'utf8'), file, ENGINE_VERSION) : emptyLedger(file, ENGINE_VERSION, settings);
      checkSettings(ledger, settings);
      return new LedgerFile(ledger, path, lock);
    } catch (e) {
      releaseLock(lock);
      throw asRunError(e);
    }
  }

  /**
   * Records the run's published cells: the new ledger goes to `<ledger>.pending`, `writeOutputs` writes
   * the outputs, and only then the pending file replaces the ledger.
   */
  publish(result: RunResult, files: readonly OutputFile[], out: string, writeOutputs: () => void): void {
    const manifest = files.find((f) => f.name === 'manifest.json');
    if (!manifest) throw new Error('ledger: the outputs have no manifest.json');
    const cells = publishedCells(result.exact, result.metrics);
    const next = withRun(this.ledger, cells, { out: resolve(out), manifestSha256: sha256(manifest.content) });
    this.#added = next.runs.at(-1)!.added;
    writeDurably(this.path + '.pending', serialiseLedger(next));
    this.#pendingWritten = true;
    writeOutputs();
    this.#outputsWritten = true;
    try {
      renameSync(this.path + '.pending', this.path);
    } catch (e) {
      // The outputs are out: keep the pending ledger, which the next run with this ledger applies.
      throw new RunError(`--ledger ${this.ledger.file}: the outputs are written, but the ledger could not be replaced ` +
        `(${(e as NodeJS.ErrnoException).code ?? String(e)}); the next run with this ledger records this run from ${this.ledger.file}.pending; do that before publishing these outputs`);
    }
  }

  /** One line for the terminal after a run. */
  summary(result: RunResult): string {
    const held = result.metrics.filter((r) => r.status === 'ledger').length;
    const published = result.metrics.filter((r) => r.status === 'published').length;
    return `ledger ${this.ledger.file} (not for publication): ${held} figure${held === 1 ? '' : 's'} held back as small differences from ` +
      `${this.ledger.runs.length} earlier run${this.ledger.runs.length === 1 ? '' : 's'}; ${published} published figures recorded (${this.#added} new)`;
  }

  /** Removes the lock, and the pending file of a run that did not get its outputs in place. */
  release(): void {
    if (this.#pendingWritten && !this.#outputsWritten) {
      try { unlinkSync(this.path + '.pending'); } catch { /* already gone */ }
    }
    releaseLock(this.lock);
  }
}

function asRunError(e: unknown): unknown {
  return e instanceof LedgerError ? new RunError(e.message) : e;
}

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

function writeDurably(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Takes the lock file (exclusive create, holding the pid). A lock whose process is gone is taken over. */
function takeLock(lock: string, shown: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new RunError(`--ledger ${shown}: another traject run (process ${pid}) is using this ledger; wait for it to finish (or, if no run is going, remove ${shown}.lock)`);
    }
    unlinkSync(lock); // left by a run that was killed
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(lock: string): void {
  try {
    if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
  } catch { /* not ours or already gone */ }
}

/**
 * What an interrupted run left: a pending ledger whose outputs were put in place (the output folder's
 * manifest.json is the one the pending ledger's last run names) is applied; any other is discarded.
 */
function recoverPending(path: string): void {
  const pending = path + '.pending';
  if (!existsSync(pending)) return;
  let apply = false;
  try {
    const j = JSON.parse(readFileSync(pending, 'utf8')) as { runs?: { out?: string; manifestSha256?: string }[] };
    const last = j.runs?.at(-1);
    const manifest = last?.out ? resolve(last.out, 'manifest.json') : '';
    apply = manifest !== '' && existsSync(manifest) && sha256(readFileSync(manifest)) === last!.manifestSha256;
  } catch { /* written only in part: its outputs never followed */ }
  if (apply) renameSync(pending, path);
  else unlinkSync(pending);
}
