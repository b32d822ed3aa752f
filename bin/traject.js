#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript, bundled into one file (npm ci builds it
// through `prepare`; see scripts/bundle.mjs).
import { main } from '../dist/src/traject.bundle.mjs';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
