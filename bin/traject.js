#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (npm ci builds it through `prepare`).
import { main } from '../dist/src/cli.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
