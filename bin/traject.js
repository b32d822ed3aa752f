#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript, bundled into one file (npm ci builds it
// through `prepare`; see scripts/bundle.mjs).
import { setFlagsFromString } from 'node:v8';
// Worker threads optimise their hot functions at once instead of queueing them for V8's
// background compiler, which on a machine whose cores the workers keep busy waits its turn:
// 1 million rows took 1.91-1.99 s instead of 2.03-2.15 s (README, Performance). V8 reads the
// flag when a thread starts, so it must be set before the worker pool exists.
setFlagsFromString('--no-concurrent-recompilation');
const { main } = await import('../dist/src/traject.bundle.mjs');
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
