// Writing a run's outputs atomically (SPEC 8): everything goes to a temporary folder next to
// the destination, which is renamed into place only when every file is complete. A failed or
// interrupted run leaves the previous results (or nothing), never a half-written folder.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeToString } from 'fast-csv';

export interface OutputFile {
  name: string;
  content: string | Buffer;
}

/** Writes files into `outDir` all or nothing. `beforeRename` lets tests inject a failure. */
export function writeAtomically(outDir: string, files: readonly OutputFile[], beforeRename?: () => void): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    for (const f of files) writeFileSync(join(tmp, f.name), f.content);
    beforeRename?.();
    const old = join(parent, `.${basename(target)}.old-${process.pid}`);
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** CSV text with a header row; `excel` gives ';', decimal commas are the caller's, and a UTF-8 BOM. */
export async function csvText(header: readonly string[], rows: readonly (readonly string[])[], excel = false): Promise<string> {
  const body = await writeToString([header as string[], ...(rows as string[][])], { delimiter: excel ? ';' : ',', rowDelimiter: '\n' });
  return (excel ? '\uFEFF' : '') + body + '\n';
}
