// `npx traject` looks in node_modules/.bin, where npm links the bins of dependencies but
// not the project's own. Link ours there so `npx traject ...` works right after `npm ci`.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
mkdirSync('node_modules/.bin', { recursive: true });
rmSync('node_modules/.bin/traject', { force: true });
symlinkSync('../../bin/traject.js', 'node_modules/.bin/traject');
